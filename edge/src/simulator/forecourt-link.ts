import mqtt, { type MqttClient } from 'mqtt';
import type { Logger } from 'pino';
import { ReconnectBackoff } from '../reconnect-backoff';

type DeviceKind = 'pump' | 'tank';

export interface ForecourtLinkOptions {
  url: string;
  gatewayId: string;
  secret: string;
  /** Reconnect back-off after a refusal or a lost connection (default 1 s to 30 s). */
  reconnectMinMs?: number;
  reconnectMaxMs?: number;
  /** One queued event in this many is uploaded twice, as a controller unsure of its last upload does (default 3; 0: never). */
  uploadTwiceEvery?: number;
  onCommand(pumpId: string, payload: Buffer): void;
  logger?: Logger;
}

/**
 * The forecourt controller's MQTT link to Hearth: connects as its gateway (Last Will on `status`),
 * takes its pumps' commands, publishes with an increasing `seq`, and keeps the sales and tank
 * readings it could not deliver in an outbox uploaded at QoS 1 once it is back (DESIGN §3: acknowledged = stored, so an
 * event leaves the outbox only after its PUBACK). `drop` cuts the link for a while, as a station's
 * line does now and then.
 */
export class ForecourtLink {
  private client?: MqttClient;
  private retry?: NodeJS.Timeout;
  private stopped = false;
  private downUntil = 0;
  private seq = Date.now();
  private uploads = 0;
  private flushing?: Promise<void>;
  private readonly outbox: { kind: DeviceKind; deviceId: string; body: Record<string, unknown> }[] = [];
  private readonly backoff: ReconnectBackoff;

  constructor(private readonly options: ForecourtLinkOptions) {
    this.backoff = new ReconnectBackoff(options.reconnectMinMs ?? 1_000, options.reconnectMaxMs ?? 30_000);
  }

  get connected(): boolean {
    return this.client?.connected ?? false;
  }

  /** Events waiting for the link. */
  get pending(): number {
    return this.outbox.length;
  }

  start(): void {
    this.connect();
  }

  /** Live figures and card reads: sent now, or lost with the link (a pump does not replay old readings). */
  publish(pumpId: string, channel: 'telemetry' | 'event' | 'command/ack', body: Record<string, unknown>): void {
    if (!this.connected) return;
    this.send(pumpId, channel, body).catch((err: Error) => this.options.logger?.debug({ err: err.message, pumpId }, 'pump message lost with the link'));
  }

  /** A sale: kept until Hearth has acknowledged it. */
  queue(pumpId: string, body: Record<string, unknown>): void {
    this.outbox.push({ kind: 'pump', deviceId: pumpId, body });
    void this.flush();
  }

  /** A tank gauge's reading: kept with its own `ts` until Hearth has it, as the gauge logs it while the line is down. */
  queueTank(tankId: string, body: Record<string, unknown>): void {
    this.outbox.push({ kind: 'tank', deviceId: tankId, body });
    void this.flush();
  }

  /** Cuts the link for `ms` (no goodbye: the broker publishes the Last Will). */
  drop(ms: number): void {
    this.downUntil = Date.now() + ms;
    clearTimeout(this.retry);
    this.client?.end(true);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    const client = this.client;
    if (!client) return;
    if (client.connected) {
      const goodbye = client.publishAsync(this.statusTopic, '{"online":false}', { qos: 1 }).then(() => client.endAsync());
      await Promise.race([goodbye, new Promise((resolve) => setTimeout(resolve, 1_000))]).catch(() => undefined);
    }
    await client.endAsync(true).catch(() => undefined);
  }

  private get statusTopic(): string {
    return `hearth/v1/${this.options.gatewayId}/status`;
  }

  private connect(): void {
    const { gatewayId, logger } = this.options;
    const client = mqtt.connect(this.options.url, {
      username: gatewayId,
      password: this.options.secret,
      clientId: `${gatewayId}-forecourt`,
      reconnectPeriod: 0, // our own back-off, and no reconnect while the line is meant to be down
      connectTimeout: 10_000,
      will: { topic: this.statusTopic, payload: Buffer.from('{"online":false}'), qos: 1, retain: false },
    });
    this.client = client;
    client.on('connect', () => {
      this.backoff.reset();
      logger?.info({ gatewayId, outbox: this.outbox.length }, 'forecourt controller connected');
      client.publish(this.statusTopic, '{"online":true}', { qos: 1 });
      client.subscribe(`hearth/v1/${gatewayId}/pump/+/command`, { qos: 1 });
      void this.flush();
    });
    client.on('message', (topic, payload) => {
      const pumpId = topic.split('/')[4];
      if (pumpId) this.options.onCommand(pumpId, payload);
    });
    client.on('error', (err) => logger?.warn({ gatewayId, err: err.message }, 'forecourt controller connection refused or failed; retrying'));
    client.on('close', () => {
      if (client !== this.client || this.stopped) return;
      client.end(true);
      const wait = Math.max(this.downUntil - Date.now(), this.backoff.next());
      this.retry = setTimeout(() => this.connect(), wait);
    });
  }

  /** Uploads the outbox in order, one PUBACK at a time; what fails stays for the next connection. */
  private flush(): Promise<void> {
    this.flushing ??= (async () => {
      const every = this.options.uploadTwiceEvery ?? 3;
      for (let next = this.outbox[0]; next && this.connected; next = this.outbox[0]) {
        if (next.kind === 'tank') await this.send(next.deviceId, 'telemetry', next.body, 'tank');
        else {
          await this.send(next.deviceId, 'event', next.body);
          // Each copy has its own seq: only the pump's transaction counter makes the second one a duplicate.
          if (every > 0 && ++this.uploads % every === 0) await this.send(next.deviceId, 'event', next.body);
        }
        this.outbox.shift();
      }
    })()
      .catch((err: Error) => this.options.logger?.debug({ err: err.message }, 'upload interrupted; the rest goes at the next connection'))
      .finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  private async send(deviceId: string, channel: string, body: Record<string, unknown>, kind: DeviceKind = 'pump'): Promise<void> {
    const topic = `hearth/v1/${this.options.gatewayId}/${kind}/${deviceId}/${channel}`;
    const payload = channel === 'command/ack' ? body : { seq: ++this.seq, ...body };
    await this.client!.publishAsync(topic, JSON.stringify(payload), { qos: 1 });
  }
}
