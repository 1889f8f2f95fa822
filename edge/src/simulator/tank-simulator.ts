import mqtt, { type MqttClient } from 'mqtt';
import type { Logger } from 'pino';
import { stepLevel, temperatureAt, vapourPressureKPa, type SimulatedTank, type TankMotion } from './tank-scenarios';

export interface TankSimulatorOptions {
  /** e.g. mqtt://127.0.0.1:1883 */
  url: string;
  gatewayId: string;
  secret: string;
  tanks: SimulatedTank[];
  intervalMs?: number;
  logger?: Logger;
}

/**
 * Plays an IoT gateway at a depot: publishes each tank's gauge reading over MQTT at QoS 1
 * with an increasing `seq`, announces itself on `status` and leaves a Last Will.
 */
export class TankSimulator {
  private client?: MqttClient;
  private timer?: NodeJS.Timeout;
  private readonly motion = new Map<string, TankMotion>();
  private seq = Date.now();
  private startedAt = Date.now();

  constructor(private readonly options: TankSimulatorOptions) {
    for (const tank of options.tanks) this.motion.set(tank.id, { levelMm: tank.start * tank.heightMm, phase: 0 });
  }

  async start(): Promise<void> {
    const { gatewayId } = this.options;
    const statusTopic = `hearth/v1/${gatewayId}/status`;
    this.client = await mqtt.connectAsync(this.options.url, {
      username: gatewayId,
      password: this.options.secret,
      clientId: `${gatewayId}-sim`,
      reconnectPeriod: 2000,
      will: { topic: statusTopic, payload: Buffer.from('{"online":false}'), qos: 1, retain: false },
    });
    await this.client.publishAsync(statusTopic, '{"online":true}', { qos: 1 });
    this.startedAt = Date.now();
    const every = this.options.intervalMs ?? 1000;
    this.timer = setInterval(() => this.tick(every / 1000), every);
  }

  private tick(dt: number): void {
    const now = new Date();
    const t = (now.getTime() - this.startedAt) / 1000;
    const temperatureC = temperatureAt(now);
    for (const tank of this.options.tanks) {
      const motion = stepLevel(tank, this.motion.get(tank.id)!, t, dt);
      this.motion.set(tank.id, motion);
      // A real gauge reads to about ±0.5 mm.
      const levelMm = Math.round((motion.levelMm + (Math.random() - 0.5)) * 10) / 10;
      const payload = {
        ts: now.toISOString(),
        seq: ++this.seq,
        levelMm,
        temperatureC: round1(temperatureC),
        pressureKPa: round1(vapourPressureKPa(temperatureC)),
      };
      this.client?.publish(`hearth/v1/${this.options.gatewayId}/tank/${tank.id}/telemetry`, JSON.stringify(payload), { qos: 1 }, (err) => {
        if (err) this.options.logger?.warn({ err, tankId: tank.id }, 'simulated publish failed');
      });
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.client?.publishAsync(`hearth/v1/${this.options.gatewayId}/status`, '{"online":false}', { qos: 1 }).catch(() => undefined);
    await this.client?.endAsync();
  }
}

const round1 = (v: number) => Math.round(v * 10) / 10;
