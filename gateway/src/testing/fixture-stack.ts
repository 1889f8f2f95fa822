import { DEMO_TENANT_ID, type Logger } from '@hearth/platform';
import type { Database } from '@hearth/platform/db';
import { testContext } from '@hearth/testkit/signed-context';
import { openTestDatabase } from '@hearth/testkit/test-database';
import { createApiKey } from '../identity/api-keys';
import { migrateIdentity } from '../identity/seed';
import { ensureTenant } from '../identity/users';
import { startCatalogSubgraph, type RunningCatalog } from '@hearth/testkit/fixtures/catalog/index';
import { startLiveSubgraph, type RunningLive } from '@hearth/testkit/fixtures/live/index';
import { startGateway, type GatewayOptions, type RunningGateway } from '../start-gateway';
import { testLogger } from './test-logger';

export { testLogger };

export interface FixtureStack {
  catalog: RunningCatalog;
  live: RunningLive;
  gateway: RunningGateway;
  db: Database;
  logger: Logger;
  /** `Authorization` of an API key of the demo tenant that may read and write every domain. */
  auth: { authorization: string };
  close(): Promise<void>;
}

/** The catalog and live fixture subgraphs behind a gateway, all on free local ports. */
export async function startFixtureStack(options: Partial<Omit<GatewayOptions, 'subgraphs'>> = {}): Promise<FixtureStack> {
  const logger = testLogger();
  const { db, auth } = await identityFixture();
  const subgraphs: { close(): Promise<void> }[] = [];
  try {
    const catalog = await startCatalogSubgraph({ logger }).then((s) => (subgraphs.push(s), s));
    const live = await startLiveSubgraph({ logger }).then((s) => (subgraphs.push(s), s));
    const gateway = await startGateway({
      ...fixtureGatewayOptions(db, logger),
      ...options,
      subgraphs: [
        { name: 'catalog', url: catalog.graphqlUrl },
        { name: 'live', url: live.graphqlUrl },
      ],
    });
    return {
      catalog,
      live,
      gateway,
      db,
      logger,
      auth,
      close: async () => {
        await gateway.close();
        // A test may have stopped a subgraph already; closing it again is harmless.
        await Promise.allSettled([catalog.close(), live.close()]);
        await db.close();
      },
    };
  } catch (err) {
    // On a server the database outlives the test process: a stack that fails half-way drops it.
    await Promise.allSettled(subgraphs.map((s) => s.close()));
    await db.close();
    throw err;
  }
}

/**
 * An identity database of its own (in memory on the embedded engine, or a new database on the test
 * server, dropped on close: `HEARTH_TEST_DB`) with the demo tenant and a read-write API key.
 */
export async function identityFixture(): Promise<{ db: Database; auth: { authorization: string } }> {
  const db = await openTestDatabase();
  try {
    await migrateIdentity(db);
    await ensureTenant(db, DEMO_TENANT_ID, 'Test Gas Co.');
    const key = await createApiKey(db, DEMO_TENANT_ID, { name: 'fixture', scopes: ['*:read', '*:write'], ratePerMinute: 60_000 }, 'system');
    return { db, auth: { authorization: `Bearer ${key.secret}` } };
  } catch (err) {
    await db.close();
    throw err;
  }
}

/** What every test gateway needs besides its subgraphs: loopback, a free port, identity and the test signing key. */
export const fixtureGatewayOptions = (db: Database, logger: Logger) => ({
  port: 0,
  host: '127.0.0.1',
  logger,
  db,
  contextPrivateKeyPem: testContext.keys.privateKeyPem,
  metrics: { port: 0 },
});

/** Polls until `check` returns true; fails with `what` after the timeout. */
// One polling helper for every test suite.
export { waitUntil } from '@hearth/testkit/eventually';

/** One sample of a Prometheus metric from the gateway's internal /metrics (0 when not yet recorded). */
export async function metricValue(gateway: { metricsUrl?: string }, series: string): Promise<number> {
  const text = await (await fetch(`${gateway.metricsUrl}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}
