import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@hearth/platform';
import { startStack, type RunningStack, type StackOptions } from '@hearth/stack';
import { graphqlData } from './graphql-http';

export interface TestStack extends RunningStack {
  dataDir: string;
  /** `Authorization` of the demo admin's session (every scope), for HTTP headers or graphql-ws params. */
  auth: { authorization: string };
  /** Stops the stack and removes its data dir. */
  destroy(): Promise<void>;
}

/**
 * The real embedded stack on free loopback ports and a fresh data dir: the same code
 * `npm start` runs, without the simulator unless asked, so tests control every message.
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
  const stack = await startStack({
    dataDir,
    logger: createLogger('e2e', (process.env.TEST_LOG_LEVEL as 'silent' | undefined) ?? 'silent'),
    host: '127.0.0.1',
    gatewayPort: 0,
    mqttPort: 0,
    mqttWsPort: 0,
    consolePort: options.console ? 0 : null,
    simulate: options.simulate ?? false,
    ...(options.twins ? { twins: options.twins } : {}),
    ...(options.gatewaySubscriptions ? { gatewaySubscriptions: options.gatewaySubscriptions } : {}),
  });
  const { login } = await graphqlData<{ login: { accessToken: string } }>(
    stack.urls.graphql,
    'mutation($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken } }',
    stack.demo.admin,
  );
  return {
    ...stack,
    dataDir,
    auth: { authorization: `Bearer ${login.accessToken}` },
    destroy: async () => {
      await stack.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
