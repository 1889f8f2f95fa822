import { z } from 'zod';
import { commonEnv, env, loadConfig, type CommonConfig } from '../config/load-config';
import { createLogger, type Logger } from '../logging/logger';
import type { Database } from '../db/database';
import { openDatabase } from '../db/open-database';

/** What a service on its own reads besides `commonEnv`: how long it waits for a database server to be reachable. */
export const serviceEnv = z.object({ DATABASE_WAIT_SECONDS: env.positiveInt(300) });

/** A service's configuration: the variables every service shares and its own. */
export type ServiceConfig<Shape extends z.ZodRawShape> = CommonConfig & z.infer<typeof serviceEnv> & z.infer<z.ZodObject<Shape>>;

export interface ServiceStart<Config> {
  config: Config;
  logger: Logger;
  db: Database;
}

export interface RunningService {
  /** Stops taking work, finishes what it took, releases what it holds (not the database: `runService` closes it after). */
  close(): Promise<void>;
}

/**
 * One service as its own process (one container in docker-compose), started the same way for
 * every service: its environment (`commonEnv`, `serviceEnv` and `shape`) validated once, every bad
 * variable listed; its logger; the database (`DATABASE_URL`, or the embedded one under the data
 * dir), waited for while the server cannot be reached yet (one log line per attempt with the next
 * one's delay, for at most `DATABASE_WAIT_SECONDS`; then it exits 1); then `start`, which migrates
 * (once, when replicas start together), builds and serves. SIGTERM or SIGINT closes the service,
 * then the database, and exits 0 (1 if closing failed, after logging why). The embedded stack
 * starts the same services in one process without this.
 */
export async function runService<Shape extends z.ZodRawShape, Service extends RunningService>(
  name: string,
  shape: Shape,
  start: (context: ServiceStart<ServiceConfig<Shape>>) => Promise<Service>,
  describe: (service: Service) => Record<string, unknown> = () => ({}),
): Promise<Service> {
  const config = loadConfig(commonEnv.extend(serviceEnv.shape).extend(shape)) as ServiceConfig<Shape>;
  const logger = createLogger(name, config.LOG_LEVEL);
  // The handlers go in before anything is logged: whoever reads "ready" may signal at once, and a
  // signal with no handler yet would end the process without closing anything.
  let db: Database | undefined;
  let service: Service | undefined;
  let stopping: string | undefined;
  const shutdown = async () => {
    logger.info({ signal: stopping }, `${name} shutting down`);
    let code = 0;
    try {
      await service?.close();
      await db?.close();
    } catch (err) {
      logger.error({ err }, `${name} did not shut down cleanly`);
      code = 1;
    }
    process.exit(code);
  };
  const onSignal = (signal: string) => {
    if (stopping) return;
    stopping = signal;
    // Still waiting for the database: nothing is held yet. Starting: shut down once started.
    if (!db) {
      logger.info({ signal }, `${name} stopped before its database was reachable`);
      process.exit(0);
    }
    if (service) void shutdown();
  };
  process.once('SIGTERM', () => onSignal('SIGTERM'));
  process.once('SIGINT', () => onSignal('SIGINT'));
  db = await openDatabase(config, { logger, timeoutMs: config.DATABASE_WAIT_SECONDS * 1000 }).catch((err: unknown): never => {
    logger.fatal({ err }, `${name} cannot open its database`);
    process.exit(1);
  });
  service = await start({ config, logger, db });
  if (stopping) {
    void shutdown();
    return service;
  }
  logger.info(describe(service), `${name} ready`);
  return service;
}
