import { Redis } from 'ioredis';
import type { Logger } from 'pino';

/**
 * One service instance's connection to the Redis its peers share (`REDIS_URL`). Redis holds what
 * instances must agree on faster than the database can tell them (a caller's rate across every
 * gateway instance) and carries what one instance committed to the others (twin changes); the
 * database stays the record. Keys and channels carry `prefix`, so several deployments (or test
 * files) can share one server without seeing each other.
 */
export class RedisLink {
  private subscriberConnection?: Redis;

  private constructor(
    readonly client: Redis,
    readonly prefix: string,
    private readonly logger: Logger,
  ) {}

  static async connect(url: string, options: { logger: Logger; prefix?: string }): Promise<RedisLink> {
    const prefix = options.prefix ?? 'hearth:';
    // Commands queue while the connection is re-made (ioredis retries with back-off); a caller
    // never waits on a dead server for more than one attempt per command.
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, enableAutoPipelining: true });
    let lastError: Error | undefined;
    client.on('error', (err: Error) => {
      lastError = err;
      options.logger.warn({ err: err.message }, 'redis connection error');
    });
    // A server not there at start is the caller's to report (a service exits, its orchestrator restarts it);
    // left alone, the client would go on reconnecting in the background.
    await client.connect().catch((err: unknown) => {
      client.disconnect();
      const cause = lastError ?? (err as Error);
      throw Object.assign(new Error(`Redis at ${new URL(url).host} is not reachable: ${cause.message}`, { cause }), {
        code: (cause as NodeJS.ErrnoException).code,
      });
    });
    return new RedisLink(client, prefix, options.logger);
  }

  /** A key or channel of this deployment. */
  key(name: string): string {
    return `${this.prefix}${name}`;
  }

  /**
   * Hears every message on `channel` (binary), and `onGap` after the subscription was lost and
   * made again: what was published meanwhile is gone (Redis keeps no history of a channel), so
   * the caller reads again what it must not miss.
   */
  async subscribe(channel: string, onMessage: (message: Buffer) => void, onGap: () => void): Promise<() => Promise<void>> {
    const connection = (this.subscriberConnection ??= this.client.duplicate({ lazyConnect: true }));
    if (connection.status === 'wait') {
      connection.on('error', (err: Error) => this.logger.warn({ err: err.message }, 'redis subscriber connection error'));
      await connection.connect();
    }
    const name = this.key(channel);
    let ready = false;
    const onReady = () => {
      if (ready) {
        this.logger.info({ channel: name }, 'redis subscription made again; reading what it may have missed');
        onGap();
      }
      ready = true;
    };
    const listener = (received: Buffer, message: Buffer) => {
      if (received.toString() === name) onMessage(message);
    };
    connection.on('messageBuffer', listener);
    connection.on('ready', onReady);
    await connection.subscribe(name);
    ready = true;
    return async () => {
      connection.off('messageBuffer', listener);
      connection.off('ready', onReady);
      await connection.unsubscribe(name).catch(() => undefined);
    };
  }

  async publish(channel: string, message: Buffer | string): Promise<void> {
    await this.client.publish(this.key(channel), message);
  }

  async close(): Promise<void> {
    await Promise.all([this.client.quit().catch(() => undefined), this.subscriberConnection?.quit().catch(() => undefined)]);
  }
}
