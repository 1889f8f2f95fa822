import mqtt, { type MqttClient } from 'mqtt';
import type { SeededGateway } from './seed-fleet';
import { check, epochNow } from './stats';

export interface Publish {
  /** Unique over the publisher's life; it is the sample's `seq`, so it rises per tank. */
  i: number;
  tankId: string;
  levelMm: number;
  /** epochNow() at publish. */
  at: number;
}

/**
 * QoS 1 tank telemetry at a steady rate, spread evenly over time and over every tank of every
 * gateway (one MQTT connection per gateway, as the field would). Each sample carries a level no
 * other sample has, so whatever shows it identifies the publish it came from.
 */
export class PacedPublisher {
  private i = 0;
  private acked = 0;
  private failed = 0;

  private constructor(private readonly tanks: { client: MqttClient; topic: string; tankId: string }[]) {}

  static async connect(mqttUrl: string, gateways: SeededGateway[]): Promise<PacedPublisher> {
    const clients = await Promise.all(
      gateways.map((g) => mqtt.connectAsync(mqttUrl, { username: g.id, password: g.secret, clientId: `${g.id}-paced`, reconnectPeriod: 0 })),
    );
    // Interleaved, so consecutive publishes go out on different connections.
    const perGateway = gateways.map((g, n) => g.tanks.map((tankId) => ({ client: clients[n]!, tankId, topic: `hearth/v1/${g.id}/tank/${tankId}/telemetry` })));
    const longest = Math.max(...perGateway.map((t) => t.length));
    const tanks = Array.from({ length: longest }, (_, k) => perGateway.flatMap((t) => (t[k] ? [t[k]] : []))).flat();
    return new PacedPublisher(tanks);
  }

  get tankIds(): string[] {
    return this.tanks.map((t) => t.tankId);
  }

  /** One sample for every tank at once. */
  burst(onPublish: (p: Publish) => void): void {
    for (let k = 0; k < this.tanks.length; k++) this.publish(onPublish);
  }

  /** `rate` samples per second for `seconds`; resolves when the last one is sent. */
  async run(rate: number, seconds: number, onPublish: (p: Publish) => void): Promise<number> {
    const total = Math.round(rate * seconds);
    const started = performance.now();
    let sent = 0;
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * rate));
        for (; sent < due; sent++) this.publish(onPublish);
        if (sent >= total) {
          clearInterval(timer);
          resolve();
        }
      }, 2);
    });
    return sent;
  }

  /** Waits for every PUBACK; fails if any publish failed. */
  async settle(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.acked + this.failed < this.i && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    check(this.failed === 0 && this.acked === this.i, `publisher: ${this.i} sent, ${this.acked} acknowledged, ${this.failed} failed`);
  }

  async close(): Promise<void> {
    await Promise.all([...new Set(this.tanks.map((t) => t.client))].map((c) => c.endAsync()));
  }

  private publish(onPublish: (p: Publish) => void): void {
    const i = ++this.i;
    const tank = this.tanks[i % this.tanks.length]!;
    // A level of its own per sample, within every bench tank's alarm band (alarms stay quiet).
    const levelMm = 1000 + i / 1e6;
    onPublish({ i, tankId: tank.tankId, levelMm, at: epochNow() });
    tank.client.publish(tank.topic, JSON.stringify({ seq: i, levelMm, temperatureC: 15 }), { qos: 1 }, (err) => (err ? this.failed++ : this.acked++));
  }
}
