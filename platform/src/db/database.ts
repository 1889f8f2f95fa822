import type { SessionLane } from './mutex';

/**
 * Anything that runs SQL: the database itself or an open transaction. Statements a transaction
 * issues without waiting for each other run one at a time in the order issued (so a batch can send
 * its independent writes together and wait once).
 */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

/** What bulk reads take: the database, which can also hand rows back as arrays. */
export interface BulkQueryable extends Queryable {
  /**
   * The same statement with each row as an array of its column values, in select-list order (the
   * caller's SQL names the columns, so it knows the order). For bulk reads (restore, history): no
   * object with keys per row, which is most of what a wide result costs the embedded database's
   * JavaScript side. Values are parsed as `query` parses them.
   */
  queryArrays<T extends unknown[] = unknown[]>(sql: string, params?: unknown[]): Promise<T[]>;
}

/**
 * The one data-access layer. The same SQL and migrations run on the embedded
 * PGlite-TimescaleDB (one process, one session) and on a TimescaleDB server (pg pool).
 */
export interface Database extends BulkQueryable {
  readonly mode: 'embedded' | 'server';
  /**
   * Runs `fn` in one transaction; commits when it resolves, rolls back when it throws. `lane`:
   * who is waiting, when callers queue for the embedded database's one session (`SessionLane`);
   * a server's pool has no such queue.
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>, options?: { lane?: SessionLane }): Promise<T>;
  /** Runs a script of several statements (migrations). */
  exec(sql: string): Promise<void>;
  /**
   * LISTEN on a channel; returns the function that stops listening. `onGap`: the server's listening
   * session was lost and is back, and what was notified in between never arrived (drop whatever those
   * notifications would have invalidated). The embedded database never loses one.
   */
  listen(channel: string, onPayload: (payload: string) => void, options?: { onGap?: () => void }): Promise<() => Promise<void>>;
  notify(channel: string, payload: string): Promise<void>;
  /**
   * Runs `fn` while holding the lock called `name`, which every process on this database shares (on
   * a server, a session advisory lock; the embedded database belongs to one process). `onWait` is
   * called when another holder makes this one wait. Not re-entrant.
   */
  withAdvisoryLock<T>(name: string, fn: () => Promise<T>, options?: { onWait?: () => void }): Promise<T>;
  close(): Promise<void>;
}

/** A table or view that does not exist (SQLSTATE 42P01): another service has not migrated it yet. */
export const isUndefinedTable = (err: unknown): boolean => typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '42P01';

/**
 * A unique-key clash (SQLSTATE 23505), as the driver raised it or as TypeORM wrapped it (its
 * `QueryFailedError` keeps the driver's error as `driverError`).
 */
export const isUniqueViolation = (err: unknown): boolean => {
  if (typeof err !== 'object' || err === null) return false;
  const { code, driverError } = err as { code?: unknown; driverError?: unknown };
  return code === '23505' || (driverError !== undefined && isUniqueViolation(driverError));
};
