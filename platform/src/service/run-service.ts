import type { z } from 'zod';
import { commonEnv, loadConfig, type CommonConfig } from '../config/load-config';
import { createLogger, type Logger } from '../logging/logger';
import type { Database } from '../db/database';
import { openDatabase } from '../db/open-database';

/** A service's configuration: the variables every service shares and its own. */
export type ServiceConfig<Shape extends z.ZodRawShape> = CommonConfig & z.infer<z.ZodObject<Shape>>;

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
 * every service: its environment (`commonEnv` and `shape`) validated once, every bad variable
 * listed; its logger; the database (`DATABASE_URL`, or the embedded one under the data dir); then
 * `start`, which migrates, builds and serves. SIGTERM or SIGINT closes the service, then the
 * database, and exits 0 (1 if closing failed, after logging why). The embedded stack starts the
 * same services in one process without this.
 */
export async function runService<Shape extends z.ZodRawShape, Service extends RunningService>(
  name: string,
  shape: Shape,
  start: (context: ServiceStart<ServiceConfig<Shape>>) => Promise<Service>,
  describe: (service: Service) => Record<string, unknown> = () => ({}),
): Promise<Service> {
  const config = loadConfig(commonEnv.extend(shape)) as ServiceConfig<Shape>;
  const logger = createLogger(name, config.LOG_LEVEL);
  const db = await openDatabase(config);
  const service = await start({ config, logger, db });
  logger.info(describe(service), `${name} ready`);
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, `${name} shutting down`);
    let code = 0;
    try {
      await service.close();
      await db.close();
    } catch (err) {
      logger.error({ err }, `${name} did not shut down cleanly`);
      code = 1;
    }
    process.exit(code);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  return service;
}
