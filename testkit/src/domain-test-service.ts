import { randomBytes } from 'node:crypto';
import { createLogger, DEMO_TENANT_ID, type CallerContext, type ContextVerifier } from '@hearth/platform';
import { loadMigrations, migrate, type Database } from '@hearth/platform/db';
import type { Logger } from 'pino';
import { graphqlData, graphqlHttp, type GraphQLResponse } from './graphql-http';
import { testContext } from './signed-context';
import { openTestDatabase } from './test-database';

/** A domain service on a fresh test database, and GraphQL calls to it as a signed caller. */
export interface DomainTestService<Service> {
  db: Database;
  service: Service;
  /** Signed-context headers of a caller of the demo tenant (every scope unless given). */
  as(caller?: Partial<CallerContext>): Promise<Record<string, string>>;
  data<T>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<T>;
  raw<T>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  /** A new site of the demo tenant (or `tenantId`'s) in the tanks subgraph's table: a depot, station or store. */
  site(tenantId?: string): Promise<string>;
  close(): Promise<void>;
}

export interface DomainTestServiceOptions<Service> {
  name: string;
  /** Other domains' migrations whose tables this one reads as contracts (sites, customers), by module name. */
  contracts?: Record<string, URL>;
  start(options: {
    db: Database;
    port: 0;
    host: string;
    logger: Logger;
    contextVerifier: ContextVerifier;
  }): Promise<Service & { graphqlUrl: string; close(): Promise<void> }>;
  /** The default caller's scopes (a supervisor's: every domain, read and write). */
  scopes?: string[];
}

/** For a domain's medium tests: the service on its own database, the default caller a supervisor. */
export async function startDomainTestService<Service>(
  options: DomainTestServiceOptions<Service>,
): Promise<DomainTestService<Service & { graphqlUrl: string; close(): Promise<void> }>> {
  const db = await openTestDatabase();
  for (const [module, url] of Object.entries(options.contracts ?? {})) await migrate(db, module, await loadMigrations(url));
  const service = await options.start({
    db,
    port: 0,
    host: '127.0.0.1',
    logger: createLogger(`${options.name}-test`, (process.env.TEST_LOG_LEVEL as 'silent') ?? 'silent'),
    contextVerifier: testContext.verifier,
  });
  const supervisor = await testContext.headers({ scopes: options.scopes ?? ['*:read', '*:write'] });
  return {
    db,
    service,
    as: (caller) => testContext.headers(caller),
    data: (query, variables = {}, headers = supervisor) => graphqlData(service.graphqlUrl, query, variables, headers),
    raw: (query, variables = {}, headers = supervisor) => graphqlHttp(service.graphqlUrl, query, variables, headers),
    site: async (tenantId = DEMO_TENANT_ID) => {
      const code = `S-${randomBytes(4).toString('hex')}`;
      const [row] = await db.query<{ id: string }>(`INSERT INTO tanks.site (tenant_id, code, name) VALUES ($1, $2, $3) RETURNING id::text`, [
        tenantId,
        code,
        `Site ${code}`,
      ]);
      return row!.id;
    },
    close: async () => {
      await service.close();
      await db.close();
    },
  };
}
