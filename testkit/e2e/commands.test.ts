import { rm } from 'node:fs/promises';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@hearth/testkit/eventually';
import { graphqlData, graphqlHttp } from '@hearth/testkit/graphql-http';
import { startTestStack, type TestStack } from '@hearth/testkit/test-stack';

let stack: TestStack;
let operator: { authorization: string };
let operatorId: string;
const clients: MqttClient[] = [];
const gw = () => stack.demo.gateway.id;

type Received = { topic: string; command: { id: string; desired: Record<string, unknown>; expiresAt: string } };
/** The demo gateway, subscribed to its command topics, recording what it receives. */
async function gatewayOnline(s: TestStack = stack) {
  const client = await mqtt.connectAsync(s.urls.mqtt, { username: s.demo.gateway.id, password: s.demo.gateway.secret, reconnectPeriod: 0 });
  clients.push(client);
  const received: Received[] = [];
  client.on('message', (topic, payload) => received.push({ topic, command: JSON.parse(payload.toString()) as Received['command'] }));
  await client.subscribeAsync(`hearth/v1/${s.demo.gateway.id}/+/+/command`, { qos: 1 });
  return { client, received };
}
const ack = (client: MqttClient, tankId: string, body: Record<string, unknown>) =>
  client.publishAsync(`hearth/v1/${gw()}/tank/${tankId}/command/ack`, JSON.stringify(body), { qos: 1 });
const report = (client: MqttClient, tankId: string, body: Record<string, unknown>) =>
  client.publishAsync(`hearth/v1/${gw()}/tank/${tankId}/telemetry`, JSON.stringify(body), { qos: 1 });

const SET = `mutation($tank: ID!, $input: TankDesiredStateInput!) {
  setTankDesiredState(tankId: $tank, input: $input) { id status deviceId gatewayId expiresAt requestedBy desired { inletValveOpen highHighSetpointMm } } }`;
type Command = { id: string; status: string; reason: string | null; expiresAt: string; completedAt: string | null; requestedBy: string; sendCount: number };
const setDesired = async (tankId: string, input: Record<string, unknown>, as = operator) =>
  (await graphqlData<{ setTankDesiredState: Command }>(stack.urls.graphql, SET, { tank: tankId, input }, as)).setTankDesiredState;
const TWIN = `query($id: ID!) { tank(id: $id) { twin { inletValveOpen highHighSetpointMm desired { inletValveOpen highHighSetpointMm }
  delta { inletValveOpen highHighSetpointMm } commands(first: 5) { id status reason sendCount completedAt expiresAt requestedBy } } } }`;
type Twin = {
  inletValveOpen: boolean | null;
  desired: { inletValveOpen: boolean | null; highHighSetpointMm: number | null };
  delta: { inletValveOpen: boolean | null; highHighSetpointMm: number | null } | null;
  commands: Command[];
};
const twin = async (tankId: string, s: TestStack = stack) =>
  (await graphqlData<{ tank: { twin: Twin } }>(s.urls.graphql, TWIN, { id: tankId }, s.auth)).tank.twin;
const commandOf = async (tankId: string, id: string) => (await twin(tankId)).commands.find((c) => c.id === id)!;

beforeAll(async () => {
  stack = await startTestStack({ twins: { checkIntervalMs: 100 } });
  const { createUser } = await graphqlData<{ createUser: { id: string } }>(
    stack.urls.graphql,
    'mutation { createUser(input: { email: "operator@demo.example", name: "Olga Operator", role: OPERATOR, password: "operator password 1" }) { id } }',
    {},
    stack.auth,
  );
  operatorId = createUser.id;
  const { login } = await graphqlData<{ login: { accessToken: string } }>(
    stack.urls.graphql,
    'mutation { login(email: "operator@demo.example", password: "operator password 1") { accessToken } }',
  );
  operator = { authorization: `Bearer ${login.accessToken}` };
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.endAsync(true).catch(() => undefined)));
  await stack?.destroy();
});

describe('desired state and commands over a real broker', () => {
  it('round trip: desired → command → ack → reported → delta cleared, audited with who asked', async () => {
    const tank = stack.demo.tanks[0]!;
    const { client, received } = await gatewayOnline();
    await report(client, tank.id, { levelMm: 900, inletValveOpen: true });

    const command = await setDesired(tank.id, { inletValveOpen: false });
    expect(command).toMatchObject({
      status: 'SENT',
      deviceId: tank.id,
      gatewayId: gw(),
      requestedBy: `user:${operatorId}`,
      desired: { inletValveOpen: false },
    });
    expect((await twin(tank.id)).delta).toEqual({ inletValveOpen: false, highHighSetpointMm: null });

    await eventually('the command at the gateway', () => (received.length > 0 ? true : undefined));
    expect(received).toEqual([
      {
        topic: `hearth/v1/${gw()}/tank/${tank.id}/command`,
        command: { id: command.id, desired: { inletValveOpen: false }, issuedAt: expect.any(String), expiresAt: command.expiresAt },
      },
    ]);
    await ack(client, tank.id, { id: command.id, status: 'accepted' });
    expect((await commandOf(tank.id, command.id)).status).toBe('ACCEPTED');
    await ack(client, tank.id, { id: command.id, status: 'done' });
    // Done is the gateway's word; the delta clears only when the reported state matches.
    const done = await twin(tank.id);
    expect(done.commands.find((c) => c.id === command.id)).toMatchObject({ status: 'DONE', completedAt: expect.any(String) });
    expect(done.delta).toEqual({ inletValveOpen: false, highHighSetpointMm: null });
    await report(client, tank.id, { levelMm: 900, inletValveOpen: false });
    expect(await twin(tank.id)).toMatchObject({ inletValveOpen: false, desired: { inletValveOpen: false }, delta: null });

    // A redelivered "accepted" does not move it back; the audit is queryable.
    await ack(client, tank.id, { id: command.id, status: 'accepted' });
    const { commands } = await graphqlData<{ commands: { totalCount: number; edges: { node: Command }[] } }>(
      stack.urls.graphql,
      'query($tank: ID!) { commands(tankId: $tank) { totalCount edges { node { id status requestedBy } } } }',
      { tank: tank.id },
      operator,
    );
    expect(commands.edges.map((e) => e.node)).toEqual([{ id: command.id, status: 'DONE', requestedBy: `user:${operatorId}` }]);
    await client.endAsync();
  });

  it('a rejected command withdraws what it asked for, with the reason shown', async () => {
    const tank = stack.demo.tanks[1]!;
    const { client, received } = await gatewayOnline();
    const command = await setDesired(tank.id, { highHighSetpointMm: 2350 });
    await eventually('the command at the gateway', () => (received.length > 0 ? true : undefined));
    await ack(client, tank.id, { id: command.id, status: 'rejected', reason: 'setpoint locked at the panel' });
    const after = await twin(tank.id);
    expect(after.commands[0]).toMatchObject({ id: command.id, status: 'REJECTED', reason: 'setpoint locked at the panel' });
    expect(after.desired.highHighSetpointMm).toBeNull();
    expect(after.delta).toBeNull();
    await client.endAsync();
  });

  it('a command to an offline gateway waits and is delivered when the gateway reconnects and subscribes', async () => {
    const tank = stack.demo.tanks[2]!;
    const command = await setDesired(tank.id, { highHighSetpointMm: 2400, inletValveOpen: true });
    expect(command.status).toBe('PENDING');
    const { client, received } = await gatewayOnline();
    await eventually('the waiting command delivered', () => (received.some((r) => r.command.id === command.id) ? true : undefined));
    expect(received.find((r) => r.command.id === command.id)?.command.desired).toEqual({ highHighSetpointMm: 2400, inletValveOpen: true });
    expect(await commandOf(tank.id, command.id)).toMatchObject({ status: 'SENT', sendCount: 1 });
    await client.endAsync();
  });

  it('a command whose gateway stays away past its expiry expires (visibly), is never delivered, and is withdrawn', async () => {
    const tank = stack.demo.tanks[3]!;
    const command = await setDesired(tank.id, { inletValveOpen: false, expiresInSeconds: 1 });
    expect((await twin(tank.id)).delta).toEqual({ inletValveOpen: false, highHighSetpointMm: null });
    await new Promise((r) => setTimeout(r, 1200));
    const expired = await eventually('the expiry recorded', async () => {
      const t = await twin(tank.id);
      return t.delta === null ? t : undefined;
    });
    expect(expired.commands[0]).toMatchObject({ id: command.id, status: 'EXPIRED', expiresAt: command.expiresAt, completedAt: command.expiresAt });
    const { received } = await gatewayOnline();
    await new Promise((r) => setTimeout(r, 300));
    expect(received.filter((r) => r.command.id === command.id)).toEqual([]);
  });

  it('an operator cancels a waiting command; viewers cannot set desired state', async () => {
    const tank = stack.demo.tanks[4]!;
    for (const c of clients) await c.endAsync(true).catch(() => undefined);
    const command = await setDesired(tank.id, { inletValveOpen: false });
    const { cancelCommand } = await graphqlData<{ cancelCommand: Command }>(
      stack.urls.graphql,
      'mutation($id: ID!) { cancelCommand(id: $id) { status } }',
      { id: command.id },
      operator,
    );
    expect(cancelCommand.status).toBe('CANCELLED');
    expect((await twin(tank.id)).delta).toBeNull();
    const again = await graphqlHttp(stack.urls.graphql, 'mutation($id: ID!) { cancelCommand(id: $id) { status } }', { id: command.id }, operator);
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_COMMAND_TRANSITION', status: 'CANCELLED' });
    const key = await graphqlData<{ createApiKey: { secret: string } }>(
      stack.urls.graphql,
      'mutation { createApiKey(input: { name: "viewer", scopes: ["*:read"] }) { secret } }',
      {},
      stack.auth,
    );
    const refused = await graphqlHttp(
      stack.urls.graphql,
      SET,
      { tank: tank.id, input: { inletValveOpen: true } },
      { authorization: `Bearer ${key.createApiKey.secret}` },
    );
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', requiredScope: 'twins:write' });
  });
});

describe('pending commands survive a restart', () => {
  it('delivers a command made before the stack stopped once the gateway subscribes to the restarted one', async () => {
    const first = await startTestStack();
    const tank = first.demo.tanks[5]!;
    const { setTankDesiredState } = await graphqlData<{ setTankDesiredState: Command }>(
      first.urls.graphql,
      SET,
      { tank: tank.id, input: { inletValveOpen: true } },
      first.auth,
    );
    expect(setTankDesiredState.status).toBe('PENDING');
    await first.close();
    const second = await startTestStack({ dataDir: first.dataDir });
    try {
      expect((await twin(tank.id, second)).delta).toEqual({ inletValveOpen: true, highHighSetpointMm: null });
      const { received } = await gatewayOnline(second);
      await eventually('the command delivered after the restart', () => (received.some((r) => r.command.id === setTankDesiredState.id) ? true : undefined));
    } finally {
      await Promise.all(clients.map((c) => c.endAsync(true).catch(() => undefined)));
      await second.close();
      await rm(first.dataDir, { recursive: true, force: true });
    }
  });
});
