import pg from 'pg';
import { serverTypes } from './server-types';

interface Subscriber {
  onPayload: (payload: string) => void;
  onGap?: () => void;
}

const RETRY_MIN_MS = 250;
const RETRY_MAX_MS = 5_000;

/**
 * LISTEN on a TimescaleDB server: one connection of its own for every channel of the process (a
 * pooled connection would be handed to others between notifications). A server restart, a
 * failover or an idle-connection killer ends that session, and with it every LISTEN, silently: so
 * it reconnects (backing off up to 5 s), listens again on every channel, and tells each subscriber
 * that notifications sent in between were missed (`onGap`).
 */
export class ServerListener {
  private client?: pg.Client;
  private connecting?: Promise<pg.Client>;
  private readonly channels = new Map<string, Set<Subscriber>>();
  private retryTimer?: NodeJS.Timeout;
  private retryMs = RETRY_MIN_MS;
  private closed = false;

  constructor(private readonly url: string) {}

  async listen(channel: string, onPayload: (payload: string) => void, options: { onGap?: () => void } = {}): Promise<() => Promise<void>> {
    const client = await this.connected();
    let subscribers = this.channels.get(channel);
    if (!subscribers) {
      subscribers = new Set();
      this.channels.set(channel, subscribers);
      await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    }
    const subscriber: Subscriber = { onPayload, onGap: options.onGap };
    subscribers.add(subscriber);
    return async () => {
      subscribers.delete(subscriber);
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retryTimer);
    const client = this.client ?? (await this.connecting?.catch(() => undefined));
    await client?.end().catch(() => undefined);
  }

  private connected(): Promise<pg.Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= this.connect().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: this.url, application_name: 'hearth-listener', types: serverTypes });
    client.on('notification', (msg) => this.channels.get(msg.channel)?.forEach((s) => s.onPayload(msg.payload ?? '')));
    client.on('error', () => undefined);
    try {
      await client.connect();
      // LISTEN again on every channel before anyone hears of the gap, so nothing sent after it is missed.
      for (const channel of this.channels.keys()) await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    } catch (err) {
      await client.end().catch(() => undefined);
      throw err;
    }
    const lost = () => {
      if (this.client !== client) return;
      this.client = undefined;
      client.end().catch(() => undefined);
      this.reconnectSoon();
    };
    client.on('error', lost);
    client.on('end', lost);
    this.client = client;
    if (this.closed) await client.end();
    return client;
  }

  private reconnectSoon(): void {
    if (this.closed || this.channels.size === 0) return;
    this.retryTimer = setTimeout(() => {
      this.connected().then(
        () => {
          this.retryMs = RETRY_MIN_MS;
          for (const subscribers of this.channels.values()) for (const s of subscribers) s.onGap?.();
        },
        () => {
          this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
          this.reconnectSoon();
        },
      );
    }, this.retryMs);
    // A retry never keeps the process alive on its own.
    this.retryTimer.unref();
  }
}
