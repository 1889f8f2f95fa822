import type { Logger } from 'pino';
import type { ContextVerifier } from '@hearth/platform';
import { migrateAudit } from '@hearth/platform/audit';
import { announceEntityChanges, createDataSource, loadMigrations, migrate, type Database } from '@hearth/platform/db';
import { startSubgraphServer, type RunningSubgraph } from '@hearth/platform/graphql';
import { buildTanksSchema } from './schema';
import { createServices, type Services } from './services';
import { Site } from './site/site.entity';
import { StrappingTable } from './strapping/strapping-table.entity';
import { Tank } from './tank/tank.entity';

export const tanksMigrations = new URL('./migrations/', import.meta.url);
export const tankEntities = [Site, Tank, StrappingTable];
export type { Services as TankServices };

export interface TanksServiceOptions {
  db: Database;
  port: number;
  host?: string;
  logger: Logger;
  /** Verifies the gateway's signed context on every request. */
  contextVerifier: ContextVerifier;
}

export interface RunningTanksService extends RunningSubgraph {
  services: Services;
}

/** Migrates the audit log (tanks changes are audited) and the tanks schema, and serves the tanks subgraph. */
export async function startTanksService(options: TanksServiceOptions): Promise<RunningTanksService> {
  const { db, logger } = options;
  await migrateAudit(db, logger);
  await migrate(db, 'tanks', await loadMigrations(tanksMigrations), logger);
  const data = await createDataSource(db, tankEntities);
  // The gateway keeps tank names and sites for live events; it drops them when one changes.
  announceEntityChanges(data, 'tanks');
  const services = createServices(data);
  const server = await startSubgraphServer({
    name: 'tanks',
    schema: await buildTanksSchema(services),
    port: options.port,
    host: options.host,
    logger,
    contextVerifier: options.contextVerifier,
    domain: 'tanks',
    ready: async () => (await db.query('SELECT 1')).length === 1,
  });
  return {
    ...server,
    services,
    close: async () => {
      await server.close();
      await data.destroy();
    },
  };
}
