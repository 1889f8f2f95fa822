import type { Logger } from 'pino';
import type { Database } from './database';

export interface WaitOptions {
  logger: Logger;
  /** Give up (rethrow the last error) once this long has passed without reaching the database. */
  timeoutMs: number;
  /** The first wait; each next one doubles, up to `maxDelayMs`. */
  firstDelayMs?: number;
  maxDelayMs?: number;
}

// Socket errors of a server that is not there yet, or not listening yet (Node's codes).
const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE']);
// SQLSTATEs of a server that is up but not ready: starting up or shutting down (57P03, 57P01), too
// many connections (53300), connection failures (class 08).
const NOT_READY = /^(57P0[13]|53300|08...)$/;

/**
 * Whether `err` says the database cannot be reached yet (worth waiting for), rather than that it
 * refused us (wrong password, no such database, a bad migration: retrying cannot help).
 */
export function isUnreachable(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && (NETWORK.has(code) || NOT_READY.test(code))) return true;
  const message = (err as { message?: unknown }).message;
  // pg's own words when the server closes the socket during start-up or the handshake.
  return typeof message === 'string' && /Connection terminated|timeout expired/i.test(message);
}

/** `postgres://user@host:port/db`, without the password, for logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    return parsed.toString();
  } catch {
    return '(unparsable DATABASE_URL)';
  }
}

/**
 * Opens the database, waiting while it cannot be reached: a service started before its database
 * (docker-compose starts them together; a server restarting) logs one line per attempt with the
 * next one's delay, backing off from 0.5 s to at most 15 s, and gives up after `timeoutMs`.
 */
export async function openWhenReachable(open: () => Promise<Database>, what: string, options: WaitOptions): Promise<Database> {
  const started = Date.now();
  let delay = options.firstDelayMs ?? 500;
  for (let attempt = 1; ; attempt++) {
    try {
      const db = await open();
      if (attempt > 1) options.logger.info({ database: what, attempts: attempt }, `database ${what} reachable`);
      return db;
    } catch (err) {
      const waited = Date.now() - started;
      if (!isUnreachable(err)) throw err;
      if (waited + delay > options.timeoutMs) {
        options.logger.error({ database: what, attempts: attempt, err }, `database ${what} still not reachable after ${seconds(waited)}; giving up`);
        throw err;
      }
      const reason = (err as { code?: string }).code ?? (err as Error).message;
      options.logger.warn(
        { database: what, attempt, retryInMs: delay, reason },
        `database ${what} not reachable (${reason}); attempt ${attempt}, next in ${seconds(delay)}`,
      );
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, options.maxDelayMs ?? 15_000);
    }
  }
}

const seconds = (ms: number) => `${Number((ms / 1000).toFixed(1))} s`;
