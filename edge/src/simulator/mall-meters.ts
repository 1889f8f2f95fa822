import mqtt, { type MqttClient } from 'mqtt';
import type { Logger } from 'pino';
import { ReconnectBackoff } from '../reconnect-backoff';
import { type SimulatedMeter } from './meter-state';

/** A meter the gateway reports over MQTT itself (no serial line): a shop's meter on the concentrator, a home's gas meter. */
export interface MqttMeter {
  /** Its id in Hearth (`metering.meter.id`), the `{deviceId}` of its topics. */
  id: string;
  kind: 'ELECTRICITY' | 'GAS';
  meter: SimulatedMeter;
}

export interface MqttMeterGatewayOptions {
  url: string;
  gatewayId: string;
  secret: string;
  meters: MqttMeter[];
  /** Each meter reports once in this period (spread evenly over it), ms. */
  readingEveryMs: number;
  /** Simulated milliseconds of load per real millisecond. */
  timeScale: number;
  /** After ALLOW_CLOSE, the customer presses the button after a delay in this range, ms. */
  buttonPressMs: [number, number];
  logger: Logger;
}

/**
 * An IoT gateway reporting meters over MQTT itself, as a mall's meter concentrator or a gas utility's
 * NB-IoT platform bridge does: each meter's cumulative register (`registerKwh`, or `registerM3` for
 * gas) and relay, QoS 1 with a rising `seq`, spread over the reading period; relay commands carried
 * out at once (TRIP opens, ALLOW_CLOSE lets the customer close it with the button a few seconds later,
 * CLOSE closes, ALARM sounds, ALARM_RELEASE silences, READ_RELAY reports), each acknowledged `done` and followed by telemetry
 * with the relay. A gas meter's relay is its valve. Offline it skips readings; the registers go on.
 */
export class MqttMeterGateway {
  private client?: MqttClient;
  private timer?: NodeJS.Timeout;
  private reconnectTimer?: NodeJS.Timeout;
  private readonly buttons = new Set<NodeJS.Timeout>();
  private stopped = false;
  private readonly backoff = new ReconnectBackoff(1_000, 30_000);
  private readonly byId: Map<string, MqttMeter>;
  private seq = Date.now();
  private next = 0;
  private last = performance.now();
  private lastTick = performance.now();
  private owed = 0;

  constructor(private readonly options: MqttMeterGatewayOptions) {
    this.byId = new Map(options.meters.map((m) => [m.id, m]));
  }

  start(): void {
    // A tick a second reports the meters whose turn falls in it: every meter once per period.
    this.timer = setInterval(() => this.tick(), 1_000);
    this.connect();
  }

  get connected(): boolean {
    return this.client?.connected ?? false;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    clearTimeout(this.reconnectTimer);
    for (const t of this.buttons) clearTimeout(t);
    this.advance();
    const client = this.client;
    if (!client) return;
    if (client.connected) {
      const goodbye = client.publishAsync(`hearth/v1/${this.options.gatewayId}/status`, '{"online":false}', { qos: 1 }).then(() => client.endAsync());
      await Promise.race([goodbye, new Promise((resolve) => setTimeout(resolve, 1_000))]).catch(() => undefined);
    }
    await client.endAsync(true).catch(() => undefined);
  }

  /** Every meter draws its load up to now (simulated time runs `timeScale` times faster). */
  private advance(): void {
    const now = performance.now();
    const ms = (now - this.last) * this.options.timeScale;
    this.last = now;
    const at = new Date();
    for (const { meter } of this.options.meters) meter.advance(ms, at);
  }

  private tick(): void {
    this.advance();
    const { meters, readingEveryMs } = this.options;
    if (meters.length === 0) return;
    // Readings owed since the last tick (fractions carried over): every meter once per period, however few.
    const now = performance.now();
    this.owed = Math.min(meters.length, this.owed + (meters.length * (now - this.lastTick)) / readingEveryMs);
    this.lastTick = now;
    for (; this.owed >= 1 && this.connected; this.owed--) this.report(meters[this.next++ % meters.length]!);
  }

  private report(m: MqttMeter, relayOnly = false): void {
    const body: Record<string, unknown> = { ts: new Date().toISOString(), seq: ++this.seq, relay: m.meter.relayState };
    if (!relayOnly) body[m.kind === 'ELECTRICITY' ? 'registerKwh' : 'registerM3'] = m.meter.registerKwh;
    this.publish(m.id, 'telemetry', body);
  }

  private connect(): void {
    const { gatewayId, logger } = this.options;
    const statusTopic = `hearth/v1/${gatewayId}/status`;
    const client = mqtt.connect(this.options.url, {
      username: gatewayId,
      password: this.options.secret,
      clientId: `${gatewayId}-sim`,
      reconnectPeriod: 0,
      connectTimeout: 10_000,
      will: { topic: statusTopic, payload: Buffer.from('{"online":false}'), qos: 1, retain: false },
    });
    this.client = client;
    client.on('connect', () => {
      this.backoff.reset();
      logger.info({ gatewayId }, 'meter gateway simulator connected');
      client.publish(statusTopic, '{"online":true}', { qos: 1 });
      client.subscribe(`hearth/v1/${gatewayId}/meter/+/command`, { qos: 1 });
    });
    client.on('message', (topic, payload) => this.command(topic, payload));
    client.on('error', (err) => logger.warn({ gatewayId, err: err.message }, 'meter gateway simulator connection refused or failed; retrying'));
    client.on('close', () => {
      if (client !== this.client || this.stopped) return;
      client.end(true);
      this.reconnectTimer = setTimeout(() => this.connect(), this.backoff.next());
    });
  }

  private command(topic: string, payload: Buffer): void {
    const meterId = topic.split('/')[4];
    const m = meterId ? this.byId.get(meterId) : undefined;
    let command: { id?: unknown; action?: unknown };
    try {
      command = JSON.parse(payload.toString()) as typeof command;
    } catch {
      return;
    }
    if (!m || typeof command.id !== 'string') return;
    const id = command.id;
    this.advance();
    const meter = m.meter;
    switch (command.action) {
      case 'TRIP':
        [meter.relay, meter.commandOpen] = ['OPEN', true];
        break;
      case 'ALLOW_CLOSE':
        meter.commandOpen = false;
        if (meter.relay === 'OPEN') {
          meter.relay = 'CLOSE_ALLOWED';
          this.pressLater(m);
        }
        break;
      case 'CLOSE':
        [meter.relay, meter.commandOpen] = ['CLOSED', false];
        break;
      case 'ALARM':
      case 'ALARM_RELEASE':
        meter.alarm = command.action === 'ALARM';
        break;
      case 'READ_RELAY':
        break;
      default:
        this.publish(m.id, 'command/ack', { id, status: 'rejected', reason: `unknown action ${String(command.action)}` });
        return;
    }
    this.publish(m.id, 'command/ack', { id, status: 'done' });
    this.report(m, true);
  }

  /** The customer, told they may, presses the button after a few seconds: the relay closes and says so. */
  private pressLater(m: MqttMeter): void {
    const [min, max] = this.options.buttonPressMs;
    const timer = setTimeout(
      () => {
        this.buttons.delete(timer);
        if (this.stopped) return;
        this.advance();
        m.meter.pressButton();
        this.report(m, true);
      },
      min + (max - min) * Math.random(),
    );
    this.buttons.add(timer);
  }

  private publish(deviceId: string, channel: string, body: Record<string, unknown>): void {
    this.client?.publish(`hearth/v1/${this.options.gatewayId}/meter/${deviceId}/${channel}`, JSON.stringify(body), { qos: 1 }, (err) => {
      if (err) this.options.logger.warn({ err, deviceId }, 'simulated meter publish failed');
    });
  }
}
