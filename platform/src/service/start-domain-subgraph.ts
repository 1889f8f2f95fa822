import type { GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import type { DataSource, EntitySchema, MixedList } from 'typeorm';
import type { ContextVerifier } from '../auth/signed-context';
import { migrateAudit } from '../audit/migrate-audit';
import type { Database } from '../db/database';
import { announceEntityChanges } from '../db/entity-changes';
import { loadMigrations, migrate } from '../db/migrate';
import { createDataSource } from '../db/typeorm-data-source';
import { startSubgraphServer, type RunningSubgraph } from '../graphql/subgraph-server';
import type { DomainArea } from './domain-area';

/** Where and how a domain service runs: the same for every domain (the stack and `main.ts` pass these). */
export interface DomainServiceOptions {
  db: Database;
  port: number;
  host?: string;
  logger: Logger;
  /** Verifies the gateway's signed context on every request. */
  contextVerifier: ContextVerifier;
}

/** What a domain is: its name (the subgraph's, its scopes' and its schema's), tables and GraphQL. */
export interface DomainDefinition<Services> {
  name: string;
  /** Its migrations folder, applied as the module `name`. */
  migrations: URL;
  /** Platform modules whose tables it writes in its own transactions (the ledger), migrated first. */
  uses?: ((db: Database, logger: Logger) => Promise<unknown>)[];
  /** Its TypeORM entities. */
  entities: MixedList<Function | string | EntitySchema>;
  services(data: DataSource): Services;
  schema(services: Services): Promise<GraphQLSchema>;
  /** Its areas' background work (intakes, schedules): started once the server is up, stopped before it closes. */
  areas?(services: Services): readonly DomainArea[];
}

export interface RunningDomainService<Services> extends RunningSubgraph {
  services: Services;
}

/**
 * The one start-up sequence of a domain subgraph: the audit log (every domain audits its changes),
 * the platform modules it uses, its own migrations, its data source (whose entity changes are
 * announced, so the gateway's cache of entity fields for live events stays true), its services and
 * its subgraph server, ready when the database answers; then its areas' background work.
 */
export async function startDomainSubgraph<Services>(
  domain: DomainDefinition<Services>,
  options: DomainServiceOptions,
): Promise<RunningDomainService<Services>> {
  const { db, logger } = options;
  await migrateAudit(db, logger);
  for (const use of domain.uses ?? []) await use(db, logger);
  await migrate(db, domain.name, await loadMigrations(domain.migrations), logger);
  const data = await createDataSource(db, domain.entities);
  announceEntityChanges(data, domain.name);
  const services = domain.services(data);
  const server = await startSubgraphServer({
    name: domain.name,
    schema: await domain.schema(services),
    port: options.port,
    host: options.host,
    logger,
    contextVerifier: options.contextVerifier,
    domain: domain.name,
    ready: async () => (await db.query('SELECT 1')).length === 1,
  });
  const areas = domain.areas?.(services) ?? [];
  for (const area of areas) await area.start?.();
  return {
    ...server,
    services,
    close: async () => {
      for (const area of areas) await area.stop?.();
      await server.close();
      await data.destroy();
    },
  };
}
