import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type Client } from 'graphql-ws';
import mqtt, { type MqttClient } from 'mqtt';
import WebSocket from 'ws';
import { createLogger, subgraphsAt } from '@hearth/platform';
import { ServerDatabase } from '@hearth/platform/db';
import { startStack, type DemoData, type RunningStack } from '@hearth/stack';
import { waitUntil } from '@hearth/testkit/eventually';
import { spawnGateway, type GatewayProcess } from '@hearth/testkit/gateway-process';
import { graphqlData } from '@hearth/testkit/graphql-http';
import { createTestDatabase, onServer } from '@hearth/testkit/test-database';
import { testRedisPrefix, testRedisUrl } from '@hearth/testkit/test-redis';

// Two gateway processes, as docker-compose runs them, on one database, one set of subgraphs (tanks, twins with
// its MQTT broker, fleet: the embedded stack's, in this process) and one Redis. Server mode only: two processes
// cannot share the embedded database, and Redis is there only in the server run (TEST_REDIS_URL).
let stack: RunningStack<ServerDatabase>;
let demo: DemoData;
let dropDatabase: () => Promise<void>;
let dataDir: string;
let a: GatewayProcess;
let b: GatewayProcess;
let admin: { authorization: string };
let device: MqttClient;
const clients: Client[] = [];
let seq = 0;

const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });
const publishLevel = (tankId: string, levelMm: number) =>
  device.publishAsync(`hearth/v1/${demo.gateway.id}/tank/${tankId}/telemetry`, JSON.stringify({ seq: ++seq, levelMm }), { qos: 1 });

async function newKey(ratePerMinute: number): Promise<{ id: string; secret: string }> {
  const { createApiKey } = await graphqlData<{ createApiKey: { apiKey: { id: string }; secret: string } }>(
    a.graphqlUrl,
    'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { apiKey { id } secret } }',
    { input: { name: `two-gateways ${ratePerMinute}/min`, scopes: ['tanks:read', 'twins:read'], ratePerMinute } },
    admin,
  );
  return { id: createApiKey.apiKey.id, secret: createApiKey.secret };
}

/** The levels of one tank's `tankTwinChanged` events on one gateway, and the close code of its connection. */
function watchTank(gateway: GatewayProcess, auth: { authorization: string }, tankId: string) {
  const watch = { levels: [] as number[], closed: undefined as { code: number; reason: string } | undefined };
  const client = createClient({
    url: gateway.wsUrl,
    webSocketImpl: WebSocket,
    lazy: false,
    retryAttempts: 0,
    connectionParams: auth,
    // The close is what some tests wait for; graphql-ws would print it.
    onNonLazyError: () => undefined,
  });
  clients.push(client);
  client.on('closed', (event) => (watch.closed ??= event as { code: number; reason: string }));
  client.subscribe<{ tankTwinChanged: { twin: { levelMm: number } } }>(
    { query: 'subscription($ids: [ID!]) { tankTwinChanged(tankIds: $ids) { id twin { levelMm } } }', variables: { ids: [tankId] } },
    { next: ({ data }) => data && watch.levels.push(data.tankTwinChanged.twin.levelMm), error: () => undefined, complete: () => undefined },
  );
  return watch;
}

/** Publishes levels until every watcher has had an event: their subscriptions are live through both hops. */
async function untilLive(tankId: string, ...watches: { levels: number[] }[]): Promise<void> {
  let level = 1_000;
  await waitUntil(
    'the subscriptions are live',
    async () => {
      await publishLevel(tankId, level++);
      await new Promise((resolve) => setTimeout(resolve, 200));
      return watches.every((w) => w.levels.length > 0);
    },
    20_000,
  );
}

describe.runIf(onServer && testRedisUrl)('two gateway instances on one database and one Redis', () => {
  beforeAll(async () => {
    const database = await createTestDatabase();
    dropDatabase = database.drop;
    dataDir = await mkdtemp(join(tmpdir(), 'hearth-two-gateways-'));
    const logger = createLogger('two-gateways', (process.env.TEST_LOG_LEVEL as 'silent' | undefined) ?? 'silent');
    const db = await ServerDatabase.open(database.url, 10);
    stack = await startStack({ dataDir, db, logger, host: '127.0.0.1', gatewayPort: 0, mqttPort: 0, consolePort: null, simulate: false });
    demo = stack.demo!;
    const keyFile = join(dataDir, 'context.pem');
    await writeFile(keyFile, stack.contextKeys.privateKeyPem);
    const subgraphs = subgraphsAt(stack.subgraphUrls);
    const env = {
      DATABASE_URL: database.url,
      REDIS_URL: testRedisUrl!,
      REDIS_KEY_PREFIX: testRedisPrefix(),
      HEARTH_CONTEXT_PRIVATE_KEY_FILE: keyFile,
      SUBGRAPH_URLS: subgraphs.map((s) => `${s.name}=${s.url}`).join(','),
    };
    [a, b] = await Promise.all([spawnGateway(env), spawnGateway(env)]);
    const { login } = await graphqlData<{ login: { accessToken: string } }>(
      a.graphqlUrl,
      'mutation($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken } }',
      demo.admin,
    );
    admin = bearer(login.accessToken);
    device = await mqtt.connectAsync(stack.urls.mqtt, { username: demo.gateway.id, password: demo.gateway.secret, reconnectPeriod: 0 });
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
    await device?.endAsync();
    await Promise.all([a?.stop(), b?.stop()]);
    await stack?.close();
    await dropDatabase?.();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('counts an API key’s rate across both: the call past it is RATE_LIMITED, whichever instance gets it', async () => {
    const key = await newKey(4);
    const answers = [];
    for (let call = 0; call < 5; call++) {
      const gateway = call % 2 === 0 ? a : b;
      const res = await fetch(gateway.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...bearer(key.secret) },
        body: JSON.stringify({ query: '{ tanks(first: 1) { totalCount } }' }),
      });
      const body = (await res.json()) as { errors?: { extensions: { code: string } }[] };
      answers.push({ status: res.status, remaining: res.headers.get('ratelimit-remaining'), code: body.errors?.[0]?.extensions.code });
    }
    expect(answers).toEqual([
      { status: 200, remaining: '3', code: undefined },
      { status: 200, remaining: '2', code: undefined },
      { status: 200, remaining: '1', code: undefined },
      { status: 200, remaining: '0', code: undefined },
      { status: 429, remaining: '0', code: 'RATE_LIMITED' },
    ]);
  });

  it('closes a key’s subscription on one instance within a second of revoking the key through the other', async () => {
    const key = await newKey(600);
    const tank = demo.tanks.filter((t) => t.gatewayId === demo.gateway.id)[0]!;
    const onB = watchTank(b, bearer(key.secret), tank.id);
    await untilLive(tank.id, onB);
    const revokedAt = Date.now();
    await graphqlData(a.graphqlUrl, 'mutation($id: ID!) { revokeApiKey(id: $id) { id } }', { id: key.id }, admin);
    await waitUntil('the subscription on B closed', () => onB.closed !== undefined, 1_000);
    expect(Date.now() - revokedAt).toBeLessThan(1_000);
    expect(onB.closed).toMatchObject({ code: 4401, reason: expect.stringContaining('API_KEY_REVOKED') });
  });

  it('delivers one tank twin event published over MQTT to a subscriber on each instance', async () => {
    const tank = demo.tanks.filter((t) => t.gatewayId === demo.gateway.id)[1]!;
    const [onA, onB] = [watchTank(a, admin, tank.id), watchTank(b, admin, tank.id)];
    await untilLive(tank.id, onA, onB);
    await publishLevel(tank.id, 2_222.5);
    await waitUntil('both instances delivered the event', () => onA.levels.includes(2_222.5) && onB.levels.includes(2_222.5));
  });
});
