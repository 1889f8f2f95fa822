import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type Client } from 'graphql-ws';
import mqtt, { type MqttClient } from 'mqtt';
import WebSocket from 'ws';
import { bindDevice } from '@hearth/broker';
import { loadMigrations, migrate } from '@hearth/platform/db';
import { graphqlData } from '@hearth/testkit/graphql-http';
import { eventually } from '@hearth/testkit/eventually';
import { startTestStack, type TestStack } from '@hearth/testkit/test-stack';

/**
 * The filling interlock end to end over real MQTT and GraphQL (ADR 0016): a scale's tag read is
 * answered by a RELEASE or LOCK on its command topic, decided from the committed cylinder registry;
 * a fill the scale was released for is stored and locks it; one it was not released for raises a
 * CRITICAL alarm; a malformed event is refused and counted.
 *
 * The registry's rows are written through SQL into the stack's database, as the cylinders
 * service would commit them; its migration is applied first (a no-op when the stack's cylinders
 * service has migrated already), so this test needs nothing of that service but its views.
 */
const CYLINDERS_MIGRATIONS = new URL('../../subgraphs/cylinders/src/migrations/', import.meta.url);
let stack: TestStack;
let field: MqttClient;
let ws: Client;
const scaleId = `scale-${randomUUID().slice(0, 8)}`;
const station = randomUUID();
const suffix = randomUUID().slice(0, 8).toUpperCase();
const tags = { good: `E2E-GOOD-${suffix}`, scrapped: `E2E-SCRAP-${suffix}` };
const cylinders: Record<string, string> = {};
const commands: { topic: string; body: { id: string; action: string; cylinderId: string | null; reason: string | null } }[] = [];
const alarms: { code: string; severity: string; assetKind: string; assetId: string }[] = [];

const gw = () => stack.demo.gateway;
let seq = 1;
const publish = (channel: 'event' | 'telemetry', body: Record<string, unknown>) =>
  field.publishAsync(`hearth/v1/${gw().id}/scale/${scaleId}/${channel}`, JSON.stringify({ seq: seq++, ...body }), { qos: 1 });
const ack = (id: string, status: string) => field.publishAsync(`hearth/v1/${gw().id}/scale/${scaleId}/command/ack`, JSON.stringify({ id, status }), { qos: 1 });
const scaleView = async () =>
  (
    await graphqlData<{
      scale: {
        id: string;
        twin: {
          weightKg: number | null;
          interlock: { state: string; tag: string; cylinderId: string | null; reason: string | null; commandId: string | null } | null;
          lastFill: { tag: string; cylinderId: string | null; netKg: number; overfill: boolean | null } | null;
          alarms: { code: string; severity: string }[];
        };
      };
    }>(
      stack.urls.graphql,
      `query($id: ID!) { scale(id: $id) { id twin { weightKg interlock { state tag cylinderId reason commandId } lastFill { tag cylinderId netKg overfill } alarms { code severity } } } }`,
      { id: scaleId },
      stack.auth,
    )
  ).scale;

async function registry(): Promise<void> {
  const { db } = stack;
  const tenant = stack.demo.tenantId;
  await migrate(db, 'cylinders', await loadMigrations(CYLINDERS_MIGRATIONS));
  await db.query(
    `INSERT INTO cylinders.spec (tenant_id, code, name, water_capacity_l, nominal_tare_kg, max_fill_kg, tolerance_kg, inspection_interval_years, design_life_years)
     VALUES ($1, $2, 'E2E 15 kg', 35.5, 15, 14.5, 0.2, 4, 8)`,
    [tenant, `E2E-${suffix}`],
  );
  await db.query(`INSERT INTO cylinders.filling_station (tenant_id, site_id, company) VALUES ($1, $2, 'Hearth Gas')`, [tenant, station]);
  await db.query(`INSERT INTO cylinders.filling_scale (tenant_id, id, station_id, name) VALUES ($1, $2, $3, 'Line 1')`, [tenant, scaleId, station]);
  for (const [key, state] of [
    ['good', 'EMPTY_STOCK'],
    ['scrapped', 'SCRAPPED'],
  ] as const) {
    const [row] = await db.query<{ id: string }>(
      `INSERT INTO cylinders.cylinder (tenant_id, serial, tag, spec_code, manufacturer, manufactured_on, design_life_years, next_inspection_due, owner_company,
         state, location_site_id)
       VALUES ($1, $2, $3, $4, 'Acme', '2022-01-01', 8, '2099-01-01', 'Hearth Gas', $5, $6) RETURNING id`,
      [tenant, `E2E-${key}-${suffix}`, tags[key], `E2E-${suffix}`, state, station],
    );
    cylinders[key] = row!.id;
  }
  await bindDevice(db, { kind: 'scale', id: scaleId, tenantId: tenant, gatewayId: gw().id });
}

beforeAll(async () => {
  stack = await startTestStack();
  await registry();
  field = await mqtt.connectAsync(stack.urls.mqtt, { username: gw().id, password: gw().secret, reconnectPeriod: 0 });
  field.on('message', (topic, payload) => commands.push({ topic, body: JSON.parse(payload.toString()) as (typeof commands)[number]['body'] }));
  await field.subscribeAsync(`hearth/v1/${gw().id}/scale/+/command`, { qos: 1 });
  ws = createClient({ url: stack.urls.ws, webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: stack.auth });
  ws.subscribe(
    { query: 'subscription { alarmChanged { code severity assetKind assetId } }' },
    { next: (r) => void alarms.push((r.data as { alarmChanged: (typeof alarms)[number] }).alarmChanged), error: () => {}, complete: () => {} },
  );
  await new Promise((resolve) => setTimeout(resolve, 300));
});
afterAll(async () => {
  await ws?.dispose();
  await field?.endAsync();
  await stack?.destroy();
});

describe('a filling scale is released only for a cylinder the registry allows', () => {
  it('shows its live weight', async () => {
    await publish('telemetry', { weightKg: 15.2 });
    expect((await scaleView()).twin.weightKg).toBe(15.2);
  });

  it('tag read of a good cylinder → RELEASE on its command topic, by the service, and the twin released', async () => {
    await publish('event', { type: 'TAG_READ', tag: tags.good });
    const release = await eventually('the RELEASE command at the gateway', () => commands[0]);
    expect(release.topic).toBe(`hearth/v1/${gw().id}/scale/${scaleId}/command`);
    expect(release.body).toMatchObject({ id: expect.any(String), action: 'RELEASE', cylinderId: cylinders.good, reason: null });
    await ack(release.body.id, 'done');
    expect((await scaleView()).twin.interlock).toEqual({
      state: 'RELEASED',
      tag: tags.good,
      cylinderId: cylinders.good,
      reason: null,
      commandId: release.body.id,
    });
    const { auditLog } = await graphqlData<{ auditLog: { edges: { node: { actor: string; action: string; target: string; details: string } }[] } }>(
      stack.urls.graphql,
      '{ auditLog(domains: ["twins"], first: 5) { edges { node { actor action target details } } } }',
      {},
      stack.auth,
    );
    expect(auditLog.edges.map((e) => ({ ...e.node, details: JSON.parse(e.node.details) as unknown }))).toContainEqual({
      actor: 'service:filling-interlock',
      action: 'filling.released',
      target: `scale:${scaleId}`,
      details: { tag: tags.good, cylinderId: cylinders.good, reason: null, commandId: release.body.id },
    });
  });

  it('its fill is stored with the cylinder, once, and the scale locks itself', async () => {
    const fill = JSON.stringify({ seq: 900, type: 'FILL', tag: tags.good, tareKg: 15.2, grossKg: 29.6, netKg: 14.4, operator: 'op-7' });
    await field.publishAsync(`hearth/v1/${gw().id}/scale/${scaleId}/event`, fill, { qos: 1 });
    await field.publishAsync(`hearth/v1/${gw().id}/scale/${scaleId}/event`, fill, { qos: 1 });
    seq = 901;
    const twin = (await scaleView()).twin;
    expect(twin.interlock).toMatchObject({ state: 'LOCKED', reason: 'FILLED' });
    expect(twin.lastFill).toEqual({ tag: tags.good, cylinderId: cylinders.good, netKg: 14.4, overfill: false });
    expect(await stack.db.query(`SELECT cylinder_id, released, net_kg FROM twins.scale_fill WHERE scale_id = $1`, [scaleId])).toEqual([
      { cylinder_id: cylinders.good, released: true, net_kg: 14.4 },
    ]);
  });

  it('tag read of a scrapped cylinder → LOCK with SCRAPPED; filling it anyway raises SCALE_INTERLOCK_BYPASSED', async () => {
    await publish('event', { type: 'TAG_READ', tag: tags.scrapped });
    const lock = await eventually('the LOCK command at the gateway', () => commands[1]);
    expect(lock.body).toMatchObject({ action: 'LOCK', cylinderId: cylinders.scrapped, reason: 'SCRAPPED' });
    await publish('event', { type: 'FILL', tag: tags.scrapped, tareKg: 15, grossKg: 29, netKg: 14 });
    await eventually('the CRITICAL alarm event', () =>
      alarms.find((a) => a.code === 'SCALE_INTERLOCK_BYPASSED' && a.severity === 'CRITICAL' && a.assetKind === 'SCALE' && a.assetId === scaleId),
    );
    expect((await scaleView()).twin.alarms).toEqual([{ code: 'SCALE_INTERLOCK_BYPASSED', severity: 'CRITICAL' }]);
  });

  it('refuses a malformed event and counts it on the device', async () => {
    await publish('event', { type: 'FILL', tag: tags.good, tareKg: 15 });
    const { device } = await graphqlData<{ device: { rejections: { reason: string; count: number; lastDetail: string }[] } }>(
      stack.urls.graphql,
      'query($id: ID!) { device(kind: SCALE, id: $id) { rejections { reason count lastDetail } } }',
      { id: scaleId },
      stack.auth,
    );
    expect(device.rejections).toContainEqual({ reason: 'MQTT_SCHEMA_VIOLATION', count: 1, lastDetail: expect.stringContaining('netKg') });
  });
});
