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

  /** One sample for each of the given tanks at once. */
  probe(tankIds: string[], onPublish: (p: Publish) => void): void {
    for (const id of tankIds)
      this.publish(
        onPublish,
        this.tanks.find((t) => t.tankId === id)!,
      );
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

  /**
   * Waits for every PUBACK and returns how long that took after the last publish (a broker that
   * keeps up answers within milliseconds; one that does not works off a backlog). Fails if any
   * publish failed or the backlog outlives `timeoutMs`.
   */
  async settle(timeoutMs = 180_000): Promise<number> {
    const started = performance.now();
    const deadline = Date.now() + timeoutMs;
    while (this.acked + this.failed < this.i && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    check(this.failed === 0 && this.acked === this.i, `publisher: ${this.i} sent, ${this.acked} acknowledged, ${this.failed} failed`);
    return performance.now() - started;
  }

  async close(): Promise<void> {
    await Promise.all([...new Set(this.tanks.map((t) => t.client))].map((c) => c.endAsync()));
  }

  private publish(onPublish: (p: Publish) => void, to?: PacedPublisher['tanks'][number]): void {
    const i = ++this.i;
    const tank = to ?? this.tanks[i % this.tanks.length]!;
    // A level of its own per sample, within every bench tank's alarm band (alarms stay quiet).
    const levelMm = 1000 + i / 1e6;
    onPublish({ i, tankId: tank.tankId, levelMm, at: epochNow() });
    tank.client.publish(tank.topic, JSON.stringify({ seq: i, levelMm, temperatureC: 15 }), { qos: 1 }, (err) => (err ? this.failed++ : this.acked++));
  }
}
