import { AsyncLocalStorage } from 'node:async_hooks';
import type { Database, Queryable } from './database';
import { Mutex, type SessionLane } from './mutex';
import { PGliteThread } from './pglite-thread';

export interface EmbeddedDatabaseOptions {
  /** Folder of the database files; `memory://` for a throw-away database. */
  dataDir: string;
  /** How often to CHECKPOINT so the WAL does not grow without bound (ms; 0 = never). */
  checkpointIntervalMs?: number;
  /**
   * Refuse a statement issued outside the transaction that holds the session, instead of
   * deadlocking (default: on under NODE_ENV=test only). It tracks the async call chain with
   * AsyncLocalStorage, which on Node 20 turns on promise hooks for the whole process and
   * doubles the cost of every promise of every service in it: a check for tests, not for running.
   */
  detectReentry?: boolean;
}

/**
 * PGlite with TimescaleDB, in process, on a thread of its own (`PGliteThread`). PGlite is a single
 * PostgreSQL session, so a process-wide mutex serialises statements and transactions; TypeORM shares
 * the same lock through `pgliteDriver` (see docs/adr/0003-embedded-database.md).
 */
export class EmbeddedDatabase implements Database {
  readonly mode = 'embedded' as const;
  readonly lock = new Mutex();
  /** Set while the current async call chain holds the lock: a nested acquire would deadlock. */
  private readonly holder?: AsyncLocalStorage<true>;
  private checkpointTimer?: NodeJS.Timeout;
  private readonly advisoryLocks = new Map<string, Mutex>();

  private constructor(
    readonly session: PGliteThread,
    detectReentry: boolean,
  ) {
    if (detectReentry) this.holder = new AsyncLocalStorage<true>();
  }

  static async open(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
    const session = await PGliteThread.open(options.dataDir);
    const db = new EmbeddedDatabase(session, options.detectReentry ?? process.env.NODE_ENV === 'test');
    const every = options.checkpointIntervalMs ?? 60_000;
    if (every > 0) {
      db.checkpointTimer = setInterval(() => void db.exec('CHECKPOINT').catch(() => undefined), every);
      db.checkpointTimer.unref();
    }
    return db;
  }

  /** Runs `fn` while holding the session lock; refuses re-entry instead of deadlocking. */
  async withLock<T>(fn: () => Promise<T>, lane: SessionLane = 'requests'): Promise<T> {
    if (this.holder?.getStore()) {
      throw new Error(
        'Embedded database: a statement was issued outside its transaction while that transaction holds the session. Use the transaction handle.',
      );
    }
    const holder = this.holder;
    return this.lock.run(holder ? () => holder.run(true, fn) : fn, lane);
  }

  async query<T>(sql: string, params?: unknown[]): Promise<T[]> {
    return this.withLock(async () => (await this.session.query<T>(sql, params)).rows);
  }

  // PGlite's result path is patched (patches/README.md): no copy of its type-parser map per
  // statement, no copy of each value's bytes, and array rows parsed in place.
  async queryArrays<T extends unknown[]>(sql: string, params?: unknown[]): Promise<T[]> {
    return this.withLock(async () => (await this.session.query<T>(sql, params, { rowMode: 'array' })).rows);
  }

  async transaction<T>(fn: (tx: Queryable) => Promise<T>, options?: { lane?: SessionLane }): Promise<T> {
    const tx: Queryable = { query: async <R>(sql: string, params?: unknown[]) => (await this.session.query<R>(sql, params, { inTransaction: true })).rows };
    return this.withLock(async () => {
      // Not awaited: the statements follow it in order, and are refused if it failed (PGliteThread.begin).
      const begun = this.session.begin();
      let result: T;
      try {
        result = await fn(tx);
        await begun;
      } catch (err) {
        await begun.catch(() => undefined);
        await this.session.rollback().catch(() => undefined);
        throw err;
      }
      await this.session.commit();
      return result;
    }, options?.lane);
  }

  async exec(sql: string): Promise<void> {
    await this.withLock(() => this.session.exec(sql));
  }

  async listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>> {
    // Notifications arrive as messages from the database's thread; hand each on outside whatever
    // async context received it, so the listener may query.
    const deliver = (payload: string) => (this.holder ? this.holder.exit(() => setImmediate(onPayload, payload)) : setImmediate(onPayload, payload));
    return this.withLock(() => this.session.listen(channel, deliver));
  }

  async notify(channel: string, payload: string): Promise<void> {
    await this.query('SELECT pg_notify($1, $2)', [channel, payload]);
  }

  /** Its data dir belongs to this one process (PGlite opens it alone), so a lock in memory is enough. */
  async withAdvisoryLock<T>(name: string, fn: () => Promise<T>, options: { onWait?: () => void } = {}): Promise<T> {
    let lock = this.advisoryLocks.get(name);
    if (!lock) this.advisoryLocks.set(name, (lock = new Mutex()));
    if (lock.locked) options.onWait?.();
    return lock.run(fn);
  }

  async close(): Promise<void> {
    clearInterval(this.checkpointTimer);
    await this.lock.run(() => this.session.close());
  }
}
