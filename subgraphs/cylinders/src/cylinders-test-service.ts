import { randomBytes } from 'node:crypto';
import { createLogger, DEMO_TENANT_ID, type CallerContext } from '@hearth/platform';
import { loadMigrations, migrate, type Database } from '@hearth/platform/db';
import { openTestDatabase } from '@hearth/testkit/test-database';
import { graphqlData, graphqlHttp, type GraphQLResponse } from '@hearth/testkit/graphql-http';
import { testContext } from '@hearth/testkit/signed-context';
import { startCylindersService, type RunningCylindersService } from './index';

/** The cylinders service on a fresh test database, and GraphQL calls to it as a signed caller. */
export interface CylindersTestService {
  db: Database;
  service: RunningCylindersService;
  /** Signed-context headers of a caller of the demo tenant (every scope unless given). */
  as(caller?: Partial<CallerContext>): Promise<Record<string, string>>;
  data<T>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<T>;
  raw<T>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  /** A new site of the demo tenant (or `tenantId`'s) in the tanks subgraph's table: a depot, station or store. */
  site(tenantId?: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * For the medium tests of this subgraph. Sites are the tanks subgraph's and customers the customers
 * subgraph's: their own migrations make those tables. `headers` is the default caller (a supervisor).
 */
export async function startCylindersTestService(): Promise<CylindersTestService> {
  const db = await openTestDatabase();
  await migrate(db, 'tanks', await loadMigrations(new URL('../../tanks/src/migrations/', import.meta.url)));
  await migrate(db, 'customers', await loadMigrations(new URL('../../customers/src/migrations/', import.meta.url)));
  const service = await startCylindersService({
    db,
    port: 0,
    host: '127.0.0.1',
    logger: createLogger('cylinders-test', (process.env.TEST_LOG_LEVEL as 'silent') ?? 'silent'),
    contextVerifier: testContext.verifier,
  });
  const supervisor = await testContext.headers({ scopes: ['*:read', '*:write'] });
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
