import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@hearth/testkit/eventually';
import { graphqlData } from '@hearth/testkit/graphql-http';
import { startTestStack, type TestStack } from '@hearth/testkit/test-stack';

let stack: TestStack;
const clients: MqttClient[] = [];
const gql = <T>(query: string, variables: Record<string, unknown> = {}) => graphqlData<T>(stack.urls.graphql, query, variables, stack.auth);
const gw = () => stack.demo.gateway.id;
const telemetry = (tankId: string) => `hearth/v1/${gw()}/tank/${tankId}/telemetry`;
const will = () => ({ topic: `hearth/v1/${gw()}/status`, payload: Buffer.from('{"online":false}'), qos: 1 as const, retain: false });
async function connect(options: IClientOptions = {}) {
  const client = await mqtt.connectAsync(stack.urls.mqtt, { username: gw(), password: stack.demo.gateway.secret, reconnectPeriod: 0, ...options });
  clients.push(client);
  return client;
}

beforeAll(async () => {
  // Alarms at once and a 1.5 s tank timeout, checked every 100 ms, so the test need not wait minutes.
  stack = await startTestStack({ twins: { checkIntervalMs: 100, connectivity: { gatewayOfflineAlarmAfterMs: 0, staleAfterMs: { tank: 1500 } } } });
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.endAsync(true).catch(() => undefined)));
  await stack?.destroy();
});

type GatewayView = { gateway: { name: string; twin: { online: boolean; lastSeenAt: string; alarms: { code: string; severity: string; message: string }[] } } };
const GATEWAY = `query($id: ID!) { gateway(id: $id) { name twin { online lastSeenAt alarms { code severity message } } } }`;
const TANKS = `{ tanks { edges { node { id twin { online stale lastSeenAt gateway { id } } } } } }`;
type TanksView = { tanks: { edges: { node: { id: string; twin: { online: boolean; stale: boolean; gateway: { id: string } | null } } }[] } };

describe('gateway connectivity', () => {
  it('a gateway that vanishes (Last Will) raises one alarm for itself, its devices show offline; back, it clears', async () => {
    const behindDepot = new Set(stack.demo.tanks.map((t) => t.id));
    const client = await connect({ will: will() });
    for (const [i, tank] of stack.demo.tanks.entries()) await client.publishAsync(telemetry(tank.id), JSON.stringify({ levelMm: 1000 + i }), { qos: 1 });
    expect((await gql<GatewayView>(GATEWAY, { id: gw() })).gateway.twin).toMatchObject({ online: true, alarms: [] });

    client.stream.destroy(); // no DISCONNECT: the broker publishes the will [MQTT-3.1.2-8]
    const down = await eventually('the gateway alarm', async () => {
      const view = await gql<GatewayView>(GATEWAY, { id: gw() });
      return view.gateway.twin.alarms.length > 0 ? view : undefined;
    });
    expect(down.gateway.twin.online).toBe(false);
    expect(down.gateway.twin.alarms).toEqual([
      { code: 'GATEWAY_OFFLINE', severity: 'MAJOR', message: 'Gateway offline: 6 devices behind it are not reporting' },
    ]);
    // The depot gateway's tanks (the fuel stations' tanks stand behind their own gateways).
    const tanks = (await gql<TanksView>(TANKS)).tanks.edges.filter((e) => behindDepot.has(e.node.id)).map((e) => e.node.twin);
    expect(tanks.map((t) => [t.online, t.gateway?.id])).toEqual(stack.demo.tanks.map(() => [false, gw()]));
    // One alarm, not one per device, and no more while it stays away.
    await new Promise((r) => setTimeout(r, 300));
    const alarms = await stack.db.query<{ asset_kind: string; asset_id: string }>(`SELECT asset_kind, asset_id FROM twins.alarm WHERE cleared_at IS NULL`);
    expect(alarms).toEqual([{ asset_kind: 'gateway', asset_id: gw() }]);

    const back = await connect({ will: will() });
    const up = await eventually('the gateway back', async () => {
      const view = await gql<GatewayView>(GATEWAY, { id: gw() });
      return view.gateway.twin.online ? view : undefined;
    });
    expect(up.gateway.twin.alarms).toEqual([]);
    expect((await gql<TanksView>(TANKS)).tanks.edges.filter((e) => behindDepot.has(e.node.id)).every((e) => e.node.twin.online)).toBe(true);
    const [cleared] = await stack.db.query<{ state: string; cleared_at: Date | null }>(
      `SELECT state, cleared_at FROM twins.alarm WHERE asset_kind = 'gateway'`,
    );
    // Nobody acknowledged it while the gateway was away: it waits for that (ISA-18.2).
    expect(cleared).toMatchObject({ state: 'CLEARED_UNACKNOWLEDGED', cleared_at: expect.any(Date) });
    await back.endAsync();
  });

  it('marks a tank stale when it is silent past the tank timeout behind a live gateway, while the others report', async () => {
    const client = await connect();
    const [quiet, chatty] = stack.demo.tanks;
    await client.publishAsync(telemetry(quiet!.id), JSON.stringify({ levelMm: 500 }), { qos: 1 });
    const view = async () => new Map((await gql<TanksView>(TANKS)).tanks.edges.map((e) => [e.node.id, e.node.twin]));
    expect((await view()).get(quiet!.id)).toMatchObject({ online: true, stale: false });
    const started = Date.now();
    let level = 600;
    const stale = await eventually(
      'the quiet tank stale',
      async () => {
        await client.publishAsync(telemetry(chatty!.id), JSON.stringify({ levelMm: level++ }), { qos: 1 });
        const twins = await view();
        return twins.get(quiet!.id)?.stale ? twins : undefined;
      },
      5000,
    );
    expect(Date.now() - started).toBeGreaterThan(1000);
    expect(stale.get(quiet!.id)).toMatchObject({ online: false, stale: true });
    expect(stale.get(chatty!.id)).toMatchObject({ online: true, stale: false });
    // Its next reading ends it.
    await client.publishAsync(telemetry(quiet!.id), JSON.stringify({ levelMm: 501 }), { qos: 1 });
    expect((await view()).get(quiet!.id)).toMatchObject({ online: true, stale: false });
    await client.endAsync();
  });

  it("shows on the device's twin, and on its gateway's, why data was refused", async () => {
    const client = await connect();
    const tank = stack.demo.tanks[2]!;
    await client.publishAsync(telemetry(tank.id), '{"levelMm":', { qos: 1 });
    await client.publishAsync(telemetry(tank.id), JSON.stringify([{ seq: 5, levelMm: 1 }]), { qos: 1 });
    await client.publishAsync(telemetry(tank.id), JSON.stringify([{ seq: 5, levelMm: 1 }]), { qos: 1 });
    await client.publishAsync(telemetry('not-a-registered-tank'), '{"levelMm":1}', { qos: 1 });
    await client.endAsync();
    const { tank: view } = await gql<{ tank: { twin: { rejections: { reason: string; count: number; lastDetail: string; deviceId: string }[] } } }>(
      'query($id: ID!) { tank(id: $id) { twin { rejections { reason count lastDetail deviceId } } } }',
      { id: tank.id },
    );
    expect(view.twin.rejections).toEqual([
      { reason: 'MQTT_DUPLICATE', count: 1, lastDetail: '1 sample(s) already stored (seq at or below the last one)', deviceId: tank.id },
      { reason: 'MQTT_BAD_JSON', count: 1, lastDetail: expect.stringMatching(/^payload is not JSON/), deviceId: tank.id },
    ]);
    const { gateway } = await gql<{ gateway: { twin: { rejections: { reason: string; deviceKind: string; deviceId: string }[] } } }>(
      'query($id: ID!) { gateway(id: $id) { twin { rejections { reason deviceKind deviceId } } } }',
      { id: gw() },
    );
    // Among the gateway's refusals (their order is their times', and the duplicate and the unknown device land within a millisecond).
    expect(gateway.twin.rejections).toContainEqual({ reason: 'MQTT_UNKNOWN_DEVICE', deviceKind: 'TANK', deviceId: 'not-a-registered-tank' });
  });

  it('shows a refusal on the fleet device too: a detector reading past its physical range', async () => {
    await gql('mutation($gw: ID!) { bindDevice(input: { kind: DETECTOR, id: "D-77", gatewayId: $gw }) { id } }', { gw: gw() });
    const client = await connect();
    await client.publishAsync(`hearth/v1/${gw()}/detector/D-77/telemetry`, JSON.stringify({ lelPercent: 140 }), { qos: 1 });
    await client.endAsync();
    const { device } = await gql<{ device: { rejections: { reason: string; count: number; lastDetail: string }[] } }>(
      '{ device(kind: DETECTOR, id: "D-77") { rejections { reason count lastDetail } } }',
    );
    expect(device.rejections).toEqual([{ reason: 'MQTT_SCHEMA_VIOLATION', count: 1, lastDetail: expect.stringContaining('lelPercent') }]);
  });
});
