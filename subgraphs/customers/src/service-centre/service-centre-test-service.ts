import { randomBytes } from 'node:crypto';
import { createLogger, DEMO_TENANT_ID, type CallerContext } from '@hearth/platform';
import { loadMigrations, migrate, type Database } from '@hearth/platform/db';
import { PiiProtector } from '@hearth/platform/pii';
import { graphqlData, graphqlHttp, type GraphQLResponse } from '@hearth/testkit/graphql-http';
import { testContext } from '@hearth/testkit/signed-context';
import { openTestDatabase } from '@hearth/testkit/test-database';
import { startCustomersService, type RunningCustomersService } from '../index';

/** The customers service for the service centre's medium tests: a clock the test moves, timers that never fire on their own. */
export interface ServiceCentreTestService {
  db: Database;
  service: RunningCustomersService;
  /** The service's clock: tests set it. */
  clock: { now: Date };
  as(caller?: Partial<CallerContext>): Promise<Record<string, string>>;
  data<T>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<T>;
  raw<T>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  /** A site (store, premises) of the demo tenant, or of `tenantId`, in the tanks subgraph's table. */
  site(tenantId?: string): Promise<string>;
  /** Another instance of the service on the same database (several instances behind one gateway). */
  another(): Promise<RunningCustomersService>;
  /** Stops the service; `keepDatabase` leaves the database open for a restart on it. */
  close(keepDatabase?: boolean): Promise<void>;
}

const HOUR = 3_600_000;
/** The same key in every instance of one test: they read each other's encrypted phones. */
const pii = new PiiProtector({ keys: { k1: randomBytes(32) }, current: 'k1' });

export async function startServiceCentreTestService(options: { db?: Database; clock?: { now: Date } } = {}): Promise<ServiceCentreTestService> {
  const db = options.db ?? (await openTestDatabase());
  if (!options.db) await migrate(db, 'tanks', await loadMigrations(new URL('../../../tanks/src/migrations/', import.meta.url)));
  const clock = options.clock ?? { now: new Date() };
  const start = () =>
    startCustomersService({
      db,
      port: 0,
      host: '127.0.0.1',
      logger: createLogger('service-centre-test', (process.env.TEST_LOG_LEVEL as 'silent') ?? 'silent'),
      contextVerifier: testContext.verifier,
      pii,
      serviceCentre: { now: () => clock.now, alarmScanMs: HOUR, escalationCheckMs: HOUR },
    });
  const service = await start();
  // The catch-up run every start begins: done before the test goes on.
  await service.services.serviceCentre.alarmIntake.run();
  const supervisor = await testContext.headers({ scopes: ['*:read', '*:write', 'customers:pii'] });
  const others: RunningCustomersService[] = [];
  return {
    db,
    service,
    clock,
    as: (caller) => testContext.headers(caller),
    data: (query, variables = {}, headers = supervisor) => graphqlData(service.graphqlUrl, query, variables, headers),
    raw: (query, variables = {}, headers = supervisor) => graphqlHttp(service.graphqlUrl, query, variables, headers),
    site: async (tenantId = DEMO_TENANT_ID) => {
      const code = `S-${randomBytes(4).toString('hex')}`;
      const [row] = await db.query<{ id: string }>('INSERT INTO tanks.site (tenant_id, code, name) VALUES ($1, $2, $3) RETURNING id::text', [
        tenantId,
        code,
        code,
      ]);
      return row!.id;
    },
    another: async () => {
      const other = await start();
      others.push(other);
      return other;
    },
    close: async (keepDatabase = false) => {
      for (const other of others) await other.close();
      await service.close();
      if (!keepDatabase) await db.close();
    },
  };
}
