import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@hearth/platform';
import { ServerDatabase, type Database } from '@hearth/platform/db';
import { startStack, type DemoData, type RunningStack, type StackOptions } from '@hearth/stack';
import { graphqlData } from './graphql-http';
import { createTestDatabase, dropDatabaseOf, testDatabaseMode } from './test-database';

export interface TestStack extends Omit<RunningStack<Database>, 'demo' | 'demoFile'> {
  dataDir: string;
  demo: DemoData;
  demoFile: string;
  /** `Authorization` of the demo admin's session (every scope), for HTTP headers or graphql-ws params. */
  auth: { authorization: string };
  /** Stops the stack and removes its data dir (and, in server mode, its database). */
  destroy(): Promise<void>;
}

/**
 * The real stack on free loopback ports and a fresh data dir: the same code `npm start` runs,
 * without the simulator unless asked, so tests control every message. On the embedded database
 * under the data dir, or (`HEARTH_TEST_DB=server`) on a database of its own on the test server, whose
 * URL the data dir keeps: a stack started again on the same data dir finds the same data, as
 * `npm start` does.
 */
export async function startTestStack(
  options: {
    console?: boolean;
    simulate?: boolean;
    dataDir?: string;
    twins?: StackOptions['twins'];
    gatewaySubscriptions?: StackOptions['gatewaySubscriptions'];
  } = {},
): Promise<TestStack> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'hearth-e2e-')));
  const db = testDatabaseMode() === 'server' ? await ServerDatabase.open(await serverDatabaseOf(dataDir), 10) : undefined;
  const stack = await startStack({
    dataDir,
    db,
    logger: createLogger('e2e', (process.env.TEST_LOG_LEVEL as 'silent' | undefined) ?? 'silent'),
    host: '127.0.0.1',
    gatewayPort: 0,
    mqttPort: 0,
    mqttWsPort: 0,
    consolePort: options.console ? 0 : null,
    simulate: options.simulate ?? false,
    // Forty of the mall's 200 shops (its DL/T 645, Modbus and MQTT meters alike): every e2e file starts a stack, and the
    // whole mall's customers, wallets and bindings took it about 9 s longer to start.
    demoMallShops: 40,
    ...(options.twins ? { twins: options.twins } : {}),
    ...(options.gatewaySubscriptions ? { gatewaySubscriptions: options.gatewaySubscriptions } : {}),
  });
  const demo = stack.demo!;
  const { login } = await graphqlData<{ login: { accessToken: string } }>(
    stack.urls.graphql,
    'mutation($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken } }',
    demo.admin,
  );
  return {
    ...stack,
    demo,
    demoFile: stack.demoFile!,
    dataDir,
    auth: { authorization: `Bearer ${login.accessToken}` },
    destroy: async () => {
      await stack.close();
      if (testDatabaseMode() === 'server') await dropDatabaseOf(await serverDatabaseOf(dataDir));
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The URL of the data dir's database on the test server: created on the data dir's first start. */
async function serverDatabaseOf(dataDir: string): Promise<string> {
  const file = join(dataDir, 'test-database-url');
  const known = await readFile(file, 'utf8').catch(() => null);
  if (known) return known;
  const { url } = await createTestDatabase();
  await writeFile(file, url);
  return url;
}
