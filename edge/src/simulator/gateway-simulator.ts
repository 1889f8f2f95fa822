import mqtt, { type MqttClient } from 'mqtt';
import type { Logger } from 'pino';
import { ReconnectBackoff } from '../reconnect-backoff';
import { stepLevel, temperatureAt, vapourPressureKPa, type SimulatedTank, type TankMotion } from './tank-scenarios';
import { defaultLeakSchedule, detectorReading, leakLelAt, type LeakSchedule } from './safety-scenarios';
import { FillingLine, type FillingLineOptions } from './filling-line';

/** A gas detector behind the gateway; its valve (if any) is one of `valves`. */
export interface SimulatedDetector {
  id: string;
}

/** A shut-off valve behind the gateway: it obeys OPEN/CLOSE commands and reports its position. */
export interface SimulatedValve {
  id: string;
}

export interface GatewaySimulatorOptions {
  /** e.g. mqtt://127.0.0.1:1883 */
  url: string;
  gatewayId: string;
  secret: string;
  tanks?: SimulatedTank[];
  detectors?: SimulatedDetector[];
  valves?: SimulatedValve[];
  /** A cylinder filling line behind the gateway: scales with RFID readers that obey LOCK/RELEASE. */
  fillingLine?: FillingLineOptions;
  /** When the simulated leaks happen (default: the first after 5 minutes, then one an hour). */
  leaks?: LeakSchedule;
  intervalMs?: number;
  /** Detectors and valves report every this many intervals (a heartbeat; a valve also reports when it moves). Default 5. */
  safetyEvery?: number;
  /** Reconnect back-off after a refusal or a lost connection (doubling, with jitter). Default 1 s to 30 s. */
  reconnectMinMs?: number;
  reconnectMaxMs?: number;
  logger?: Logger;
}

/**
 * Plays an IoT gateway at a site: publishes each tank's gauge reading and each gas detector's
 * % LEL over MQTT at QoS 1 with an increasing `seq`, plays shut-off valves that obey their
 * OPEN/CLOSE commands (acknowledged, then reported), announces itself on `status` and leaves a
 * Last Will. It runs beside the rest of the stack and must never take it down: a refused or lost
 * connection is logged and retried with back-off, and readings due while it is offline are skipped.
 */
export class GatewaySimulator {
  private client?: MqttClient;
  private timer?: NodeJS.Timeout;
  private reconnectTimer?: NodeJS.Timeout;
  private stopped = false;
  private readonly backoff: ReconnectBackoff;
  private readonly motion = new Map<string, TankMotion>();
  /** Each valve's position: open until a command closes it. */
  private readonly valveOpen = new Map<string, boolean>();
  private readonly fillingLine?: FillingLine;
  private seq = Date.now();
  private ticks = 0;
  private startedAt = Date.now();

  constructor(private readonly options: GatewaySimulatorOptions) {
    for (const tank of options.tanks ?? []) this.motion.set(tank.id, { levelMm: tank.start * tank.heightMm, phase: 0 });
    for (const valve of options.valves ?? []) this.valveOpen.set(valve.id, true);
    if (options.fillingLine) this.fillingLine = new FillingLine(options.fillingLine, (kind, id, channel, body) => this.publish(kind, id, channel, body));
    this.backoff = new ReconnectBackoff(options.reconnectMinMs ?? 1_000, options.reconnectMaxMs ?? 30_000);
  }

  /** Starts playing; connects in the background (see `connected`). */
  start(): void {
    this.startedAt = Date.now();
    const every = this.options.intervalMs ?? 1000;
    this.timer = setInterval(() => this.tick(every / 1000), every);
    this.connect();
  }

  get connected(): boolean {
    return this.client?.connected ?? false;
  }

  private connect(): void {
    const { gatewayId, logger } = this.options;
    const statusTopic = `hearth/v1/${gatewayId}/status`;
    const client = mqtt.connect(this.options.url, {
      username: gatewayId,
      password: this.options.secret,
      clientId: `${gatewayId}-sim`,
      reconnectPeriod: 0, // our own back-off below: MQTT.js would retry at a fixed pace, and not after a refusal
      connectTimeout: 10_000,
      will: { topic: statusTopic, payload: Buffer.from('{"online":false}'), qos: 1, retain: false },
    });
    this.client = client;
    client.on('connect', () => {
      this.backoff.reset();
      logger?.info({ gatewayId }, 'simulator connected');
      client.publish(statusTopic, '{"online":true}', { qos: 1 });
      if (this.valveOpen.size > 0) client.subscribe(`hearth/v1/${gatewayId}/valve/+/command`, { qos: 1 });
      if (this.fillingLine) client.subscribe(`hearth/v1/${gatewayId}/scale/+/command`, { qos: 1 });
    });
    client.on('message', (topic, payload) => this.command(topic, payload));
    client.on('error', (err) => logger?.warn({ gatewayId, err: err.message }, 'simulator connection refused or failed; retrying'));
    client.on('close', () => {
      if (client !== this.client || this.stopped) return;
      client.end(true);
      this.reconnectTimer = setTimeout(() => this.connect(), this.backoff.next());
    });
  }

  private tick(dt: number): void {
    const now = new Date();
    const t = (now.getTime() - this.startedAt) / 1000;
    const temperatureC = temperatureAt(now);
    if (this.ticks++ % (this.options.safetyEvery ?? 5) === 0) this.reportSafety(now);
    if (this.connected) this.fillingLine?.tick(now);
    for (const tank of this.options.tanks ?? []) {
      if (!this.connected) break;
      const motion = stepLevel(tank, this.motion.get(tank.id)!, t, dt);
      this.motion.set(tank.id, motion);
      // A real gauge reads to about ±0.5 mm.
      const levelMm = Math.round((motion.levelMm + (Math.random() - 0.5)) * 10) / 10;
      this.publish('tank', tank.id, 'telemetry', {
        ts: now.toISOString(),
        seq: ++this.seq,
        levelMm,
        temperatureC: round1(temperatureC),
        pressureKPa: round1(vapourPressureKPa(temperatureC)),
      });
    }
  }

  private reportSafety(now: Date): void {
    if (!this.connected) return;
    const detectors = this.options.detectors ?? [];
    const elapsed = now.getTime() - this.startedAt;
    detectors.forEach((detector, index) => {
      const lelPercent = detectorReading(leakLelAt(index, detectors.length, elapsed, this.options.leaks ?? defaultLeakSchedule), Math.random());
      this.publish('detector', detector.id, 'telemetry', { ts: now.toISOString(), seq: ++this.seq, lelPercent });
    });
    for (const [valveId, open] of this.valveOpen) this.publish('valve', valveId, 'telemetry', { ts: now.toISOString(), seq: ++this.seq, open });
  }

  /** A valve command: accepted at once, the valve moves (a motorised valve takes a moment), reports, done. */
  private command(topic: string, payload: Buffer): void {
    const [, , , kind, valveId] = topic.split('/');
    let command: { id?: unknown; action?: unknown };
    try {
      command = JSON.parse(payload.toString()) as typeof command;
    } catch {
      return;
    }
    if (kind === 'scale' && valveId) {
      this.fillingLine?.command(valveId, command);
      return;
    }
    if (!valveId || !this.valveOpen.has(valveId) || typeof command.id !== 'string') return;
    const id = command.id;
    if (command.action !== 'OPEN' && command.action !== 'CLOSE') {
      this.publish('valve', valveId, 'command/ack', { id, status: 'rejected', reason: 'unknown action' });
      return;
    }
    const open = command.action === 'OPEN';
    this.publish('valve', valveId, 'command/ack', { id, status: 'accepted' });
    setTimeout(() => {
      if (this.stopped) return;
      this.valveOpen.set(valveId, open);
      this.publish('valve', valveId, 'telemetry', { ts: new Date().toISOString(), seq: ++this.seq, open });
      this.publish('valve', valveId, 'command/ack', { id, status: 'done' });
    }, 500);
  }

  private publish(kind: string, deviceId: string, channel: string, body: Record<string, unknown>): void {
    this.client?.publish(`hearth/v1/${this.options.gatewayId}/${kind}/${deviceId}/${channel}`, JSON.stringify(body), { qos: 1 }, (err) => {
      if (err) this.options.logger?.warn({ err, kind, deviceId }, 'simulated publish failed');
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    clearTimeout(this.reconnectTimer);
    const client = this.client;
    if (!client) return;
    // A goodbye while connected, bounded: a broker that no longer answers must not hold the shutdown.
    if (client.connected) {
      const goodbye = client.publishAsync(`hearth/v1/${this.options.gatewayId}/status`, '{"online":false}', { qos: 1 }).then(() => client.endAsync());
      await Promise.race([goodbye, delay(1_000)]).catch(() => undefined);
    }
    await client.endAsync(true).catch(() => undefined);
  }
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const round1 = (v: number) => Math.round(v * 10) / 10;
