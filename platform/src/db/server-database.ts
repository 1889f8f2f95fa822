import pg from 'pg';
import type { Database, Queryable } from './database';

/** A TimescaleDB server reached through a node-postgres pool (production). */
export class ServerDatabase implements Database {
  readonly mode = 'server' as const;
  private listener?: pg.Client;
  private readonly handlers = new Map<string, Set<(payload: string) => void>>();

  private constructor(
    readonly pool: pg.Pool,
    private readonly url: string,
  ) {}

  static async open(url: string, poolSize: number): Promise<ServerDatabase> {
    const pool = new pg.Pool({ connectionString: url, max: poolSize });
    // An idle client that loses its server must not crash the process; the pool replaces it.
    pool.on('error', () => undefined);
    await pool.query('CREATE EXTENSION IF NOT EXISTS timescaledb');
    return new ServerDatabase(pool, url);
  }

  async query<T>(sql: string, params?: unknown[]): Promise<T[]> {
    return (await this.pool.query(sql, params)).rows as T[];
  }

  async queryArrays<T extends unknown[]>(sql: string, params?: unknown[]): Promise<T[]> {
    return (await this.pool.query<T>({ text: sql, values: params, rowMode: 'array' })).rows;
  }

  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    // Statements issued without waiting run one after another in the order issued, as the
    // embedded database runs them (pg deprecates overlapping queries on one client).
    let tail: Promise<unknown> = Promise.resolve();
    try {
      await client.query('BEGIN');
      const query = <R>(sql: string, params?: unknown[]): Promise<R[]> => {
        const run = tail.then(async () => (await client.query(sql, params)).rows as R[]);
        tail = run.catch(() => undefined);
        return run;
      };
      const result = await fn({ query });
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await tail;
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  async exec(sql: string): Promise<void> {
    await this.pool.query(sql);
  }

  async listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>> {
    if (!this.listener) {
      this.listener = new pg.Client({ connectionString: this.url });
      this.listener.on('notification', (msg) => this.handlers.get(msg.channel)?.forEach((h) => h(msg.payload ?? '')));
      this.listener.on('error', () => undefined);
      await this.listener.connect();
    }
    let set = this.handlers.get(channel);
    if (!set) {
      set = new Set();
      this.handlers.set(channel, set);
      await this.listener.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    }
    set.add(onPayload);
    return async () => {
      set.delete(onPayload);
    };
  }

  async notify(channel: string, payload: string): Promise<void> {
    await this.pool.query('SELECT pg_notify($1, $2)', [channel, payload]);
  }

  async close(): Promise<void> {
    await this.listener?.end().catch(() => undefined);
    await this.pool.end();
  }
}
