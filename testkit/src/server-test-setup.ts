import { dropDatabase, listDatabases } from '@hearth/platform/db';
import { testDatabaseMode, testDatabasePrefix, testServerUrl } from './test-database';

/**
 * vitest's global setup in server mode (vitest.config.ts): names this run, so that every database
 * its test files create (`createTestDatabase`) shares a prefix, checks the server answers before a
 * single file starts, and at the end drops whatever the files left behind (a test that stopped a
 * stack without destroying it, one that failed half-way).
 */
export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  if (testDatabaseMode() !== 'server') return undefined;
  const server = testServerUrl();
  // Inherited by the test processes, which vitest starts after this.
  process.env.HEARTH_TEST_RUN ??= `${Date.now().toString(36)}${process.pid.toString(36)}`;
  const prefix = testDatabasePrefix();
  await listDatabases(server, prefix).catch((err: Error) => {
    throw new Error(`The test server at TEST_DATABASE_URL cannot be reached (${err.message}); bash scripts/ensure-timescaledb.sh starts one.`);
  });
  return async () => {
    for (const name of await listDatabases(server, prefix)) await dropDatabase(server, name);
  };
}
