import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type Client } from 'graphql-ws';
import mqtt, { type MqttClient } from 'mqtt';
import WebSocket from 'ws';
import { graphqlData } from '@hearth/testkit/graphql-http';
import { eventually } from '@hearth/testkit/eventually';
import { startTestStack, type TestStack } from '@hearth/testkit/test-stack';

let stack: TestStack;
let gateway: MqttClient;
let ws: Client;
const telemetryTopic = (tankId: string) => `hearth/v1/${stack.demo.gateway.id}/tank/${tankId}/telemetry`;
const connect = (username: string, password: string, extra: mqtt.IClientOptions = {}) =>
  mqtt.connectAsync(stack.urls.mqtt, { username, password, reconnectPeriod: 0, ...extra });

beforeAll(async () => {
  stack = await startTestStack();
  gateway = await connect(stack.demo.gateway.id, stack.demo.gateway.secret);
  ws = createClient({ url: stack.urls.ws, webSocketImpl: WebSocket, lazy: false, retryAttempts: 0, connectionParams: stack.auth });
});
afterAll(async () => {
  await gateway?.endAsync();
  await ws?.dispose();
  await stack?.destroy();
});

const TANK = `query($id: ID!) { tank(id: $id) { name twin { levelMm volumeLiters fillPercent online version alarms { code severity state } } } }`;
type TankView = {
  tank: {
    name: string;
    twin: { levelMm: number | null; volumeLiters: number | null; fillPercent: number | null; online: boolean; version: number; alarms: { code: string }[] };
  };
};

describe('tanks end to end on the embedded stack', () => {
  it('seeds the demo company: a depot, a station, two stores, two fuel stations, a mall and homes, its tanks bound to their gateways, credentials in demo.json', async () => {
    const { sites, tanks } = await graphqlData<{ sites: { totalCount: number }; tanks: { totalCount: number } }>(
      stack.urls.graphql,
      '{ sites { totalCount } tanks { totalCount } }',
      {},
      stack.auth,
    );
    expect(sites.totalCount).toBe(2 + stack.demo.stores.length + stack.demo.fuelStations.length + [stack.demo.mall, stack.demo.homes].length);
    expect(tanks.totalCount).toBe(6 + stack.demo.fuelTanks.length);
    expect(stack.demo.gateway.secret.length).toBeGreaterThan(20);
  });

  it('shows a published level through the gateway query, with volume from the strapping table', async () => {
    const tank = stack.demo.tanks[0]!;
    await gateway.publishAsync(telemetryTopic(tank.id), JSON.stringify({ seq: 1, levelMm: 1250, temperatureC: 15 }), { qos: 1 });
    // Acknowledged = stored: the twin already shows it when the PUBACK has arrived.
    const { tank: view } = await graphqlData<TankView>(stack.urls.graphql, TANK, { id: tank.id }, stack.auth);
    expect(view.twin.levelMm).toBe(1250);
    expect(view.twin.fillPercent).toBeCloseTo(50, 0);
    expect(view.twin.online).toBe(true);
  });

  it('delivers tankTwinChanged through the gateway with fields from the tanks subgraph', async () => {
    const tank = stack.demo.tanks[1]!;
    const events: { tankTwinChanged: { id: string; name: string; site: { name: string }; twin: { levelMm: number; alarms: { code: string }[] } } }[] = [];
    const stop = ws.subscribe(
      {
        query: `subscription($ids: [ID!]) { tankTwinChanged(tankIds: $ids) { id name site { name } twin { levelMm alarms { code } } } }`,
        variables: { ids: [tank.id] },
      },
      {
        next: (v) => events.push(v.data as never),
        error: (e) => {
          throw e;
        },
        complete: () => undefined,
      },
    );
    await new Promise((r) => setTimeout(r, 300));
    await gateway.publishAsync(telemetryTopic(tank.id), JSON.stringify({ seq: 1, levelMm: tank.highHighMm + 20 }), { qos: 1 });
    const event = await eventually('the subscription event', () => events.find((e) => e.tankTwinChanged.twin.levelMm === tank.highHighMm + 20));
    stop();
    expect(event.tankTwinChanged).toMatchObject({ id: tank.id, name: tank.name, site: { name: tank.site } });
    expect(event.tankTwinChanged.twin.alarms.map((a) => a.code)).toContain('LEVEL_HH');
  });

  it('refuses a wrong password and counts it', async () => {
    const before = stack.twins.broker.rejections.totals().MQTT_BAD_CREDENTIALS;
    await expect(connect(stack.demo.gateway.id, 'not-the-secret')).rejects.toThrow(/Bad username or password/);
    expect(stack.twins.broker.rejections.totals().MQTT_BAD_CREDENTIALS).toBe(before + 1);
  });

  it('drops malformed JSON and a tank bound elsewhere with their reasons, and keeps serving the gateway', async () => {
    const tank = stack.demo.tanks[2]!;
    const totals = () => stack.twins.broker.rejections.totals();
    const before = totals();
    await gateway.publishAsync(telemetryTopic(tank.id), '{"levelMm": 12', { qos: 1 });
    await gateway.publishAsync(telemetryTopic('5b7f3c1e-0000-4000-8000-000000000000'), '{"levelMm": 12}', { qos: 1 });
    expect(totals().MQTT_BAD_JSON).toBe(before.MQTT_BAD_JSON + 1);
    expect(totals().MQTT_UNKNOWN_DEVICE).toBe(before.MQTT_UNKNOWN_DEVICE + 1);
    expect(stack.twins.broker.rejections.forDevice(stack.demo.tenantId, 'tank', tank.id).map((r) => r.reason)).toContain('MQTT_BAD_JSON');
    // The same connection still stores good data.
    await gateway.publishAsync(telemetryTopic(tank.id), JSON.stringify({ seq: 7, levelMm: 900 }), { qos: 1 });
    const { tank: view } = await graphqlData<TankView>(stack.urls.graphql, TANK, { id: tank.id }, stack.auth);
    expect(view.twin.levelMm).toBe(900);
  });
});
