import type { Logger } from '@hearth/platform';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { ReconnectBackoff } from '../../reconnect-backoff';
import type { BridgeCounters } from '../bridge-counters';
import type { DiskJournal, JournalRecord } from '../journal/disk-journal';
import { decodeRecord, recordTopic, statusTopic } from '../telemetry-record';
import { commandTopic, receivedCommand, type CommandRoute } from './command-subscription';

export interface MqttUplinkOptions {
  url: string;
  gatewayId: string;
  secret: string;
  clientId: string;
  keepaliveSeconds: number;
  inFlightWindow: number;
  reconnectMinMs: number;
  reconnectMaxMs: number;
  ca?: Buffer;
  journal: DiskJournal;
  counters: BridgeCounters;
  logger: Logger;
  /** Devices that take commands: their command topics are subscribed on every connection. */
  commands?: CommandRoute;
}

/**
 * Sends the journal to the broker in order at QoS 1 and acknowledges a record in the journal only on
 * its PUBACK (= stored in Hearth, DESIGN §3). Every (re)connection starts again from the journal's ack
 * offset, so whatever was in flight when a connection died is sent again with its original seq; the
 * server drops the copies it already stored. MQTT.js's own reconnect and resend are off: the journal,
 * not the client's memory, is the outbox.
 */
export class MqttUplink {
  private client?: MqttClient;
  /** Each connection is a session; callbacks of an older one are ignored. */
  private session = 0;
  private online = false;
  private stopping = false;
  private cursor = 0;
  /** Records before this were taken before the current connection: sending them is a replay. */
  private liveFrom = 0;
  private inFlight = 0;
  private readonly backoff: ReconnectBackoff;
  private failedAttempts = 0;
  private reconnectTimer?: NodeJS.Timeout;

  constructor(private readonly options: MqttUplinkOptions) {
    this.backoff = new ReconnectBackoff(options.reconnectMinMs, options.reconnectMaxMs);
  }

  get connected(): boolean {
    return this.online;
  }

  start(): void {
    this.connect();
  }

  /** New records are in the journal. */
  wake(): void {
    this.pump();
  }

  /** Waits up to `drainMs` for what is in flight, announces offline and disconnects; the rest stays journaled. */
  async stop(drainMs = 5_000): Promise<void> {
    this.stopping = true;
    clearTimeout(this.reconnectTimer);
    const client = this.client;
    if (!client) return;
    const deadline = Date.now() + drainMs;
    while (this.online && (this.inFlight > 0 || this.cursor < this.options.journal.nextIndex) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const wasOnline = this.online;
    if (wasOnline) {
      await Promise.race([client.publishAsync(statusTopic(this.options.gatewayId), '{"online":false}', { qos: 1 }), delay(1_000)]).catch(() => undefined);
    }
    this.session++;
    this.online = false;
    // A clean DISCONNECT when we can (the broker then discards the Last Will); otherwise just close.
    if (wasOnline) await Promise.race([client.endAsync(false), delay(1_000)]).catch(() => undefined);
    await client.endAsync(true).catch(() => undefined);
  }

  private connect(): void {
    const { gatewayId, logger } = this.options;
    const session = ++this.session;
    const options: IClientOptions = {
      username: gatewayId,
      password: this.options.secret,
      clientId: this.options.clientId,
      keepalive: this.options.keepaliveSeconds,
      reconnectPeriod: 0,
      connectTimeout: 10_000,
      // Hearth marks the gateway offline with this if the connection dies without a goodbye (DESIGN §3).
      will: { topic: statusTopic(gatewayId), payload: Buffer.from('{"online":false}'), qos: 1, retain: false },
      ...(this.options.ca ? { ca: this.options.ca } : {}),
    };
    const client = mqtt.connect(this.options.url, options);
    this.client = client;
    client.on('connect', () => {
      if (session !== this.session) return;
      this.online = true;
      this.failedAttempts = 0;
      this.backoff.reset();
      this.cursor = this.options.journal.firstUnackedIndex;
      this.liveFrom = this.options.journal.nextIndex;
      this.inFlight = 0;
      this.options.counters.add('connects');
      logger.info({ url: this.options.url, pending: this.options.journal.pendingCount }, 'connected to the broker');
      client.publish(statusTopic(gatewayId), '{"online":true}', { qos: 1 });
      this.subscribeCommands(client);
      this.pump();
    });
    client.on('message', (topic, payload) => {
      if (session !== this.session || !this.options.commands) return;
      const received = receivedCommand(this.options.commands, gatewayId, topic, payload);
      if (received.ok) this.options.commands.onCommand(received.command);
      else logger.warn({ topic, reason: received.reason }, 'message on a command topic ignored');
    });
    client.on('error', (err) => {
      if (session !== this.session) return;
      // During a long outage: the first failure and every tenth, not one line per attempt.
      this.failedAttempts++;
      if (this.failedAttempts % 10 === 1) logger.warn({ err: err.message, url: this.options.url, attempts: this.failedAttempts }, 'broker connection failed');
    });
    client.on('close', () => {
      if (session !== this.session) return;
      this.session++;
      if (this.online) {
        this.options.counters.add('disconnects');
        logger.warn({ pending: this.options.journal.pendingCount }, 'broker connection lost: buffering on disk');
      }
      this.online = false;
      client.end(true);
      if (!this.stopping) this.scheduleReconnect();
    });
  }

  /** Each connection is a clean session, so the subscriptions are made again on each; Hearth resends what is pending once they are. */
  private subscribeCommands(client: MqttClient): void {
    const route = this.options.commands;
    if (!route || route.devices.length === 0) return;
    const topics = route.devices.map((d) => commandTopic(this.options.gatewayId, d.kind, d.deviceId));
    client.subscribe(topics, { qos: 1 }, (err) => {
      if (err) this.options.logger.warn({ err: err.message, topics }, 'subscribing to command topics failed');
    });
  }

  private scheduleReconnect(): void {
    this.reconnectTimer = setTimeout(() => this.connect(), this.backoff.next());
  }

  private pump(): void {
    const { journal, inFlightWindow } = this.options;
    while (this.online && this.inFlight < inFlightWindow && this.cursor < journal.nextIndex) {
      const records = journal.read(this.cursor, inFlightWindow - this.inFlight);
      if (records.length === 0) {
        this.cursor = journal.nextIndex;
        break;
      }
      for (const record of records) this.send(record);
    }
  }

  private send(record: JournalRecord): void {
    const { client, session } = this;
    if (!client) return;
    const message = decodeRecord(record.data);
    this.cursor = record.index + 1;
    this.inFlight++;
    this.options.counters.add('published');
    if (record.index < this.liveFrom) this.options.counters.add('replayed');
    client.publish(recordTopic(this.options.gatewayId, message), message.payload, { qos: 1 }, (err) => {
      if (session !== this.session) return; // that connection is gone; the next one resends from the ack offset
      this.inFlight--;
      if (err) return;
      this.options.journal.ack(record.index);
      this.options.counters.add('acked');
      this.pump();
    });
  }
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
