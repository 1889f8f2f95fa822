import { randomBytes } from 'node:crypto';
import { createDatabase, dropDatabase, EmbeddedDatabase, ServerDatabase, type Database } from '@hearth/platform/db';
import { waitUntil } from './eventually';

/**
 * Which database the medium and end-to-end tests run on. `HEARTH_TEST_DB=server` with
 * `TEST_DATABASE_URL` (a TimescaleDB server: `bash scripts/ensure-timescaledb.sh` prints one) runs
 * them against the server, the path a gas company deploys; otherwise the embedded database.
 */
export type TestDatabaseMode = 'embedded' | 'server';

export function testDatabaseMode(): TestDatabaseMode {
  return process.env.HEARTH_TEST_DB === 'server' ? 'server' : 'embedded';
}

/** For `describe.runIf(onServer)`: tests of what only a server has (pools, its job scheduler, other processes). */
export const onServer = testDatabaseMode() === 'server';

/** The server the tests create their databases on (any database of it; the tests never write there). */
export function testServerUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('HEARTH_TEST_DB=server needs TEST_DATABASE_URL (bash scripts/ensure-timescaledb.sh prints one).');
  return url;
}

/** The prefix of every database one test run creates, so the run can drop what it left (server-test-setup.ts). */
export const testDatabasePrefix = (run = process.env.HEARTH_TEST_RUN ?? 'adhoc') => `hearth_test_${run}_`;

let created = 0;

/** Drops the test database `url` names (one `createTestDatabase` made). */
export async function dropDatabaseOf(url: string): Promise<void> {
  await dropDatabase(testServerUrl(), new URL(url).pathname.slice(1));
}

/**
 * A new, empty database on the test server with the timescaledb extension (unless told not to):
 * each test file (each stack) gets its own, so files stay parallel and never see each other's rows.
 */
export async function createTestDatabase(options: { timescaledb?: boolean } = {}): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const server = testServerUrl();
  const name = `${testDatabasePrefix()}${process.pid}_${++created}_${randomBytes(3).toString('hex')}`;
  const url = await createDatabase(server, name, options);
  return { name, url, drop: () => dropDatabase(server, name) };
}

/**
 * The database of a medium test: in memory on the embedded engine, or a fresh database on the test
 * server (dropped when the test closes it), as `HEARTH_TEST_DB` says.
 */
export async function openTestDatabase(): Promise<Database> {
  if (testDatabaseMode() === 'embedded') return EmbeddedDatabase.open({ dataDir: 'memory://', checkpointIntervalMs: 0 });
  const database = await createTestDatabase();
  const db = await ServerDatabase.open(database.url, 10);
  const close = db.close.bind(db);
  return Object.assign(db, {
    close: async () => {
      await close();
      await database.drop();
    },
  });
}

/** SQLSTATE lock_not_available: TimescaleDB's answer when another session refreshes the same window. */
const LOCK_NOT_AVAILABLE = '55P03';

/**
 * `CALL refresh_continuous_aggregate(...)` as a test means it: on a server, TimescaleDB's own
 * scheduler runs the migrations' refresh policies as soon as they exist, and a refresh that meets
 * one of them running fails with "due to a concurrent refresh" (55P03) rather than waiting. The
 * test's refresh is retried until the policy's run is over; any other error is the test's answer.
 * The window's ends are SQL expressions (`NULL`, `now() - interval '1 minute'`, a quoted literal).
 */
export async function refreshContinuousAggregate(db: Database, view: string, window: { fromSql: string; toSql: string }): Promise<void> {
  const sql = `CALL refresh_continuous_aggregate('${view}', ${window.fromSql}, ${window.toSql})`;
  await waitUntil(`${view} refreshed beside TimescaleDB's own refresh`, async () => {
    try {
      await db.exec(sql);
      return true;
    } catch (err) {
      if ((err as { code?: string }).code === LOCK_NOT_AVAILABLE) return false;
      throw err;
    }
  });
}
