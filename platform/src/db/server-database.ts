import pg from 'pg';
import type { Database, Queryable } from './database';
import { ServerListener } from './server-listener';
import { serverTypes } from './server-types';

/** A TimescaleDB server reached through a node-postgres pool (production). */
export class ServerDatabase implements Database {
  readonly mode = 'server' as const;
  private readonly listener: ServerListener;

  private constructor(
    readonly pool: pg.Pool,
    private readonly url: string,
  ) {
    this.listener = new ServerListener(url);
  }

  static async open(url: string, poolSize: number): Promise<ServerDatabase> {
    const pool = new pg.Pool({ connectionString: url, max: poolSize, types: serverTypes });
    // An idle client that loses its server must not crash the process; the pool replaces it.
    pool.on('error', () => undefined);
    try {
      // Instances starting together on a fresh database would race to create it (a unique violation
      // in pg_extension for all but one): the first creates it, the others wait and find it there.
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query(`SELECT pg_advisory_xact_lock(hashtext('hearth_create_extension'))`);
        await client.query('CREATE EXTENSION IF NOT EXISTS timescaledb');
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    } catch (err) {
      // Nothing may keep a failed open's sockets (or a retrying service's timers) alive.
      await pool.end().catch(() => undefined);
      throw err;
    }
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

  /**
   * A session advisory lock on a connection of its own, not one of the pool's: `fn` works through
   * the pool, and a pool of one would otherwise wait on itself. Ending that session releases the
   * lock, also when this process dies.
   */
  async withAdvisoryLock<T>(name: string, fn: () => Promise<T>, options: { onWait?: () => void } = {}): Promise<T> {
    const session = new pg.Client({ connectionString: this.url, types: serverTypes });
    session.on('error', () => undefined);
    await session.connect();
    try {
      const [first] = (await session.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [name])).rows;
      if (!first?.locked) {
        options.onWait?.();
        await session.query('SELECT pg_advisory_lock(hashtext($1))', [name]);
      }
      return await fn();
    } finally {
      await session.end().catch(() => undefined);
    }
  }

  listen(channel: string, onPayload: (payload: string) => void, options?: { onGap?: () => void }): Promise<() => Promise<void>> {
    return this.listener.listen(channel, onPayload, options);
  }

  async notify(channel: string, payload: string): Promise<void> {
    await this.pool.query('SELECT pg_notify($1, $2)', [channel, payload]);
  }

  async close(): Promise<void> {
    await this.listener.close();
    await this.pool.end();
  }
}
