import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type Client } from 'graphql-ws';
import mqtt, { type MqttClient } from 'mqtt';
import WebSocket from 'ws';
import { graphqlData } from '@hearth/testkit/graphql-http';
import { waitUntil } from '@hearth/testkit/eventually';
import { startTestStack, type TestStack } from '@hearth/testkit/test-stack';

// A control room's worth of live tanks through the real stack: 200 tanks, 200 subscribers (one
// socket and one tank each, as 200 customers' apps would), the tanks subgraph's fields in every event.
const TANKS = 200;
const LIVE = `subscription($ids: [ID!]) { tankTwinChanged(tankIds: $ids) { id name site { name } twin { levelMm volumeLiters alarms { code } } } }`;
type Event = { id: string; name: string; site: { name: string }; twin: { levelMm: number } };

let stack: TestStack;
let device: MqttClient;
let tankIds: string[] = [];
const clients: Client[] = [];
const gql = <T>(query: string, variables: Record<string, unknown> = {}) => graphqlData<T>(stack.urls.graphql, query, variables, stack.auth);
/** `seq` rises per device across the file: a device's repeated or older seq is dropped as a redelivery. */
let seq = 0;
const publish = (tankId: string, levelMm: number) =>
  device.publishAsync(`hearth/v1/${stack.demo.gateway.id}/tank/${tankId}/telemetry`, JSON.stringify({ seq: ++seq, levelMm }), { qos: 1 });

/** One graphql-ws client per tank, each remembering its tank's latest event. */
function subscribeEach(ids: string[]): Map<string, Event> {
  const latest = new Map<string, Event>();
  for (const id of ids) {
    const client = createClient({ url: stack.urls.ws, webSocketImpl: WebSocket, lazy: false, retryAttempts: 0, connectionParams: stack.auth });
    clients.push(client);
    client.subscribe(
      { query: LIVE, variables: { ids: [id] } },
      {
        next: (result) => {
          const event = (result.data as { tankTwinChanged?: Event } | null)?.tankTwinChanged;
          if (!event) throw new Error(`an event came without data: ${JSON.stringify(result.errors)}`);
          latest.set(event.id, event);
        },
        error: (err) => {
          throw new Error(`subscription failed: ${JSON.stringify(err)}`);
        },
        complete: () => undefined,
      },
    );
  }
  return latest;
}

/** Publishes one level per tank until every subscriber has shown its tank's (its sockets open in the background). */
async function untilLive(latest: Map<string, Event>, ids: string[], base: number): Promise<void> {
  await waitUntil(
    'every subscription is live',
    async () => {
      await Promise.all(ids.filter((id) => latest.get(id)?.twin.levelMm !== base).map((id) => publish(id, base)));
      await new Promise((resolve) => setTimeout(resolve, 200));
      return ids.every((id) => latest.get(id)?.twin.levelMm === base);
    },
    30_000,
  );
}

beforeAll(async () => {
  // 200 subscribers stand for 200 customers' apps, each of which would hold its own credentials: one
  // session holds them all here, past the 200 subscriptions a principal may hold by default.
  stack = await startTestStack({ gatewaySubscriptions: { maxPerPrincipal: 2_000 } });
  const siteId = stack.demo.sites[0]!.id;
  for (let n = 0; n < TANKS; n++) {
    const { createTank } = await gql<{ createTank: { id: string } }>('mutation($input: CreateTankInput!) { createTank(input: $input) { id } }', {
      input: { siteId, name: `Fleet tank ${n}`, product: 'LPG', capacityLiters: 50_000, densityKgPerL: 0.51 },
    });
    tankIds.push(createTank.id);
  }
  const csv = ['kind,id,gatewayId', ...tankIds.map((id) => `tank,${id},${stack.demo.gateway.id}`)].join('\n');
  await gql('mutation($data: String!) { importDevices(format: CSV, data: $data) { imported } }', { data: csv });
  device = await mqtt.connectAsync(stack.urls.mqtt, { username: stack.demo.gateway.id, password: stack.demo.gateway.secret, reconnectPeriod: 0 });
}, 180_000);
afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await device?.endAsync();
  await stack?.destroy();
});

describe('live tanks at fleet scale through the gateway', () => {
  it('leaves each of 200 subscribers on the last level published for its tank, with its site, after a steady stream', async () => {
    const latest = subscribeEach(tankIds);
    await untilLive(latest, tankIds, 100);
    // Ten rounds over every tank, sent without waiting for acknowledgements in between.
    const last = new Map<string, number>();
    for (let round = 1; round <= 10; round++) {
      await Promise.all(tankIds.map((id, n) => (last.set(id, 1000 + round * 10 + (n % 7)), publish(id, last.get(id)!))));
    }
    await waitUntil('every subscriber shows its tank’s last level', () => tankIds.every((id) => latest.get(id)?.twin.levelMm === last.get(id)), 30_000);
    expect(tankIds.map((id) => latest.get(id)!.site.name)).toEqual(tankIds.map(() => stack.demo.sites[0]!.name));
  });

  it('shows a rename in the very next event, made through the gateway or behind it', async () => {
    const [viaGateway, behind] = [tankIds[0]!, tankIds[1]!];
    const latest = subscribeEach([viaGateway, behind]);
    await untilLive(latest, [viaGateway, behind], 200);
    await gql('mutation($id: ID!) { updateTank(id: $id, input: { name: "Renamed at the gateway" }) { id } }', { id: viaGateway });
    // An import or another gateway replica changes the tank without this gateway seeing the mutation.
    await stack.tanks.services.tanks.update(stack.demo.tenantId, behind, { name: 'Renamed behind the gateway' });
    await waitUntil('the change announcement had time to arrive', () => new Promise((resolve) => setTimeout(() => resolve(true), 100)));
    await publish(viaGateway, 201);
    await publish(behind, 201);
    await waitUntil('both events arrived', () => latest.get(viaGateway)?.twin.levelMm === 201 && latest.get(behind)?.twin.levelMm === 201);
    expect(latest.get(viaGateway)!.name).toBe('Renamed at the gateway');
    expect(latest.get(behind)!.name).toBe('Renamed behind the gateway');
  });

  it('keeps serving every other subscriber while one socket stops reading', async () => {
    // A subscriber to all 200 tanks whose client stops reading its socket (a frozen browser tab).
    const frozen = new WebSocket(stack.urls.ws, 'graphql-transport-ws');
    await new Promise((resolve) => frozen.once('open', resolve));
    frozen.send(JSON.stringify({ type: 'connection_init', payload: stack.auth }));
    await new Promise((resolve) => frozen.once('message', resolve));
    frozen.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: LIVE, variables: { ids: tankIds } } }));
    const watched = tankIds.slice(0, 20);
    const latest = subscribeEach(watched);
    await untilLive(latest, watched, 300);
    (frozen as unknown as { _socket: { pause(): void } })._socket.pause();
    // Far more than the socket buffers of a frozen reader hold: its queue fills and stays bounded.
    for (let round = 0; round < 60; round++) await Promise.all(tankIds.map((id) => publish(id, 400 + round)));
    await waitUntil('the other subscribers show the last level', () => watched.every((id) => latest.get(id)?.twin.levelMm === 459), 30_000);
    frozen.terminate();
  });
});
