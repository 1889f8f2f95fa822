import { randomUUID } from 'node:crypto';
import { connectAsync, type MqttClient } from 'mqtt';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, DEMO_TENANT_ID, type CallerContext } from '@hearth/platform';
import { loadMigrations, migrate, type Database } from '@hearth/platform/db';
import { migrateLedger } from '@hearth/platform/ledger';
import { tanksMigrations } from '@hearth/tanks';
import { eventually } from '@hearth/testkit/eventually';
import { graphqlData } from '@hearth/testkit/graphql-http';
import { undocumented } from '@hearth/testkit/schema-documentation';
import { testContext } from '@hearth/testkit/signed-context';
import { openTestDatabase } from '@hearth/testkit/test-database';
import { DeviceService } from '../../fleet/device.service';
import { GatewayService } from '../../fleet/gateway.service';
import { startTwinsService, type RunningTwinsService } from '../../index';
import { buildTwinsSchema } from '../../schema/twins-schema';
import type { TwinsDeps } from '../../schema/twins-deps';
import { TwinKinds } from '../twin-kind';
import type { PumpKind } from './pump-kind';

/**
 * The pump kind in the running twins service, with a real broker and a real MQTT client, and the
 * fueling service's tables created by its own migrations: card reads and sales stored once, the
 * card host's decisions (rows of `fueling.authorization`) sent down as commands, malformed events
 * refused, twin changes over graphql-ws.
 */
const FUELING_MIGRATIONS = new URL('../../../../subgraphs/fueling/src/migrations/', import.meta.url);
const caller: CallerContext = { tenantId: DEMO_TENANT_ID, requestId: 'r', principal: { kind: 'user', id: 'u' }, scopes: ['fleet:write'] };
const STATION = randomUUID();
const OTHER_STATION = randomUUID();
const pumpId = 'pump-1';
const gatewayId = 'gw-forecourt';
const topic = (channel: string) => `hearth/v1/${gatewayId}/pump/${pumpId}/${channel}`;

let db: Database;
let twins: RunningTwinsService;
let kind: PumpKind;
let gateway: MqttClient;
const commands: Record<string, unknown>[] = [];
const clients: Client[] = [];
let seq = 0;

const publish = (channel: 'telemetry' | 'event', body: unknown) => gateway.publishAsync(topic(channel), JSON.stringify(body), { qos: 1 });
const requests = () =>
  db.query<{ id: string; card_number: string; nozzle: number; preset_minor: number | null }>(
    `SELECT id::text, card_number, nozzle, preset_minor::int FROM twins.pump_auth_request WHERE pump_id = $1 ORDER BY received_at`,
    [pumpId],
  );

/** The card host's decision on a request, as the fueling service records it. */
async function decide(id: string, decision: 'AUTHORIZE' | 'REFUSE', limitMinor: number, reason: string | null, requestedAt = new Date()): Promise<void> {
  await db.query(
    `INSERT INTO fueling.authorization (id, tenant_id, pump_id, station_id, nozzle, card_number, decision, limit_minor, reason, requested_at, hold_open)
     VALUES ($1, $2, $3, $4, 1, '6222000011112222', $5, $6, $7, $8, $5 = 'AUTHORIZE')`,
    [id, DEMO_TENANT_ID, pumpId, STATION, decision, limitMinor, reason, requestedAt],
  );
}

/** A card read at nozzle 1, stored; returns the request's id. */
async function cardRead(): Promise<string> {
  const before = (await requests()).length;
  await publish('event', { seq: ++seq, type: 'AUTH_REQUEST', cardNumber: '6222000011112222', nozzle: 1 });
  const rows = await requests();
  expect(rows).toHaveLength(before + 1);
  return rows.at(-1)!.id;
}

beforeAll(async () => {
  db = await openTestDatabase();
  await migrateLedger(db);
  await migrate(db, 'tanks', await loadMigrations(tanksMigrations));
  await migrate(db, 'fueling', await loadMigrations(FUELING_MIGRATIONS));
  twins = await startTwinsService({
    db,
    port: 0,
    fleetPort: 0,
    host: '127.0.0.1',
    logger: createLogger('pump-kind-test', 'silent'),
    contextVerifier: testContext.verifier,
    mqtt: { tcpPort: 0, host: '127.0.0.1' },
  });
  kind = twins.kinds.require('pump') as unknown as PumpKind;
  await db.query(`INSERT INTO fueling.grade (tenant_id, code, name, product) VALUES ($1, '92#', '92# gasoline', 'GASOLINE')`, [DEMO_TENANT_ID]);
  for (const station of [STATION, OTHER_STATION]) await db.query(`INSERT INTO fueling.station (tenant_id, site_id) VALUES ($1, $2)`, [DEMO_TENANT_ID, station]);
  await db.query(`INSERT INTO fueling.pump (tenant_id, id, station_id, dispenser, name) VALUES ($1, $2, $3, 'D1', 'Pump 1')`, [
    DEMO_TENANT_ID,
    pumpId,
    STATION,
  ]);
  const { secret } = await new GatewayService(db).register(caller, { id: gatewayId, name: 'Forecourt controller' });
  await new DeviceService(db, twins.kinds).bind(caller, { kind: 'pump', id: pumpId, gatewayId });
  gateway = await connectAsync(`mqtt://127.0.0.1:${twins.mqttPorts.tcpPort}`, { username: gatewayId, password: secret, reconnectPeriod: 0 });
  gateway.on('message', (_topic, payload) => commands.push(JSON.parse(payload.toString()) as Record<string, unknown>));
  await gateway.subscribeAsync(topic('command'), { qos: 1 });
}, 60_000);

afterAll(async () => {
  for (const client of clients) await client.dispose();
  await gateway?.endAsync(true);
  await twins?.close();
  await db?.close();
});

describe('pumps in the twins service', () => {
  it('binds only the caller’s pumps of the fueling service', async () => {
    await expect(new DeviceService(db, twins.kinds).bind(caller, { kind: 'pump', id: 'pump-unknown', gatewayId })).rejects.toMatchObject({
      extensions: { code: 'NOT_FOUND', entity: 'Pump' },
    });
    expect(kind.places.stationOf(DEMO_TENANT_ID, pumpId)).toBe(STATION);
  });

  it('stores a card read once though QoS 1 delivers it twice, and shows it pending on the twin', async () => {
    const body = JSON.stringify({ seq: ++seq, type: 'AUTH_REQUEST', cardNumber: '6222000011112222', nozzle: 1, presetMinor: 20_000, plate: '浙A12345' });
    await gateway.publishAsync(topic('event'), body, { qos: 1 });
    await gateway.publishAsync(topic('event'), body, { qos: 1, dup: true });
    const rows = await requests();
    expect(rows).toEqual([{ id: expect.any(String), card_number: '6222000011112222', nozzle: 1, preset_minor: 20_000 }]);
    expect(kind.twins.get(pumpId)?.pendingAuthorization).toMatchObject({ authorizationId: rows[0]!.id, cardMasked: '************2222', nozzle: 1 });
  });

  it('sends the card host’s AUTHORIZE down with its limit, by the service, audited, and shows it on the twin', async () => {
    const id = await cardRead();
    await decide(id, 'AUTHORIZE', 20_000, null);
    const command = await eventually('the AUTHORIZE command', () => commands.find((c) => c.action === 'AUTHORIZE'));
    expect(command).toMatchObject({ action: 'AUTHORIZE', limitMinor: 20_000, reason: null, nozzle: 1, desired: { authorizationId: id } });
    const [row] = await db.query<{ requested_by: string }>('SELECT requested_by FROM twins.command WHERE id = $1', [command.id]);
    expect(row?.requested_by).toBe('service:card-host');
    const audit = await db.query<{ action: string; target: string }>(`SELECT action, target FROM audit.entry WHERE details->>'commandId' = $1`, [command.id]);
    expect(audit).toEqual([{ action: 'fueling.authorized', target: `pump:${pumpId}` }]);
    expect(kind.twins.get(pumpId)).toMatchObject({
      pendingAuthorization: null,
      lastDecision: { action: 'AUTHORIZE', limitMinor: 20_000, commandId: command.id },
    });
    // Read again in the look-back window (another notice, the poll), it is not sent again.
    await kind.answers.wake();
    expect(commands.filter((c) => c.action === 'AUTHORIZE')).toHaveLength(1);
  });

  it('sends a REFUSE with its reason, and nothing for a decision taken after the pump gave up', async () => {
    await decide(randomUUID(), 'AUTHORIZE', 5_000, null, new Date(Date.now() - 120_000));
    const id = await cardRead();
    await decide(id, 'REFUSE', 0, 'CARD_BLACKLISTED');
    const refusal = await eventually('the REFUSE command', () => commands.find((c) => c.action === 'REFUSE'));
    expect(refusal).toMatchObject({ action: 'REFUSE', limitMinor: 0, reason: 'CARD_BLACKLISTED', nozzle: 1 });
    expect(commands.filter((c) => c.limitMinor === 5_000)).toEqual([]);
    const audit = await db.query<{ action: string }>(`SELECT action FROM audit.entry WHERE details->>'commandId' = $1`, [refusal.id]);
    expect(audit).toEqual([{ action: 'fueling.refused' }]);
  });

  it('stores every sale of an uploaded backlog that is not a redelivery, and raises one totaliser gap', async () => {
    const sale = (counter: number, startMl: number, endMl: number) => ({
      seq: ++seq,
      type: 'TRANSACTION',
      counter,
      cardNumber: '6222000011112222',
      nozzle: 1,
      grade: '92#',
      volumeMl: endMl - startMl,
      unitPriceMinor: 750,
      amountMinor: ((endMl - startMl) * 75) / 100,
      totalizerStartMl: startMl,
      totalizerEndMl: endMl,
      startedAt: '2026-11-21T08:00:00Z',
      endedAt: `2026-11-21T08:0${counter % 10}:00Z`,
    });
    // Out of order, sale 2 repeated under a new seq: 3 starts 200 ml past where 2 ended.
    await publish('event', [sale(3, 2200, 3000), sale(1, 0, 1000), sale(2, 1000, 2000), sale(2, 1000, 2000)]);
    const rows = await db.query<{ counter: number; time: Date; amount_minor: number }>(
      `SELECT counter::int, time, amount_minor::int FROM twins.pump_transaction WHERE pump_id = $1 ORDER BY received_at, counter`,
      [pumpId],
    );
    expect(rows.map((r) => r.counter)).toEqual([1, 2, 2, 3]);
    expect(rows[0]).toMatchObject({ time: new Date('2026-11-21T08:01:00Z'), amount_minor: 750 });
    const alarms = await db.query<{ code: string; severity: string; site_id: string }>(
      `SELECT code, severity, site_id::text FROM twins.alarm WHERE asset_kind = 'pump' AND asset_id = $1 AND cleared_at IS NULL`,
      [pumpId],
    );
    expect(alarms).toEqual([{ code: 'PUMP_TOTALIZER_GAP', severity: 'MAJOR', site_id: STATION }]);
    expect(kind.twins.get(pumpId)).toMatchObject({ lastCounter: 3, lastSale: { counter: 3, volumeMl: 800 }, totalizers: { 1: { totalizerMl: 3000 } } });
  });

  it('refuses a malformed event as MQTT_SCHEMA_VIOLATION and stores nothing of it', async () => {
    await publish('event', { seq: ++seq, type: 'TRANSACTION', counter: 9, nozzle: 1, grade: '92#', volumeMl: 1.5 });
    await publish('event', { seq: ++seq, type: 'AUTH_REQUEST', cardNumber: 'not-a-card', nozzle: 1 });
    const refused = twins.broker.rejections.forDevice(DEMO_TENANT_ID, 'pump', pumpId).find((r) => r.reason === 'MQTT_SCHEMA_VIOLATION');
    expect(refused?.count).toBe(2);
    expect(await db.query(`SELECT 1 FROM twins.pump_transaction WHERE counter = 9`)).toEqual([]);
  });

  it('tells a station’s pumpTwinChanged subscribers, and no other station’s, of fuel flowing unauthorised', async () => {
    const subscribe = async (stationId: string) => {
      const client = createClient({ url: twins.wsUrl, webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: await testContext.headers() });
      clients.push(client);
      const events: { pumpId: string; state: string; alarms: { code: string }[] }[] = [];
      client.subscribe(
        { query: `subscription($s: ID) { pumpTwinChanged(stationId: $s) { pumpId state alarms { code } } }`, variables: { s: stationId } },
        { next: (r) => void events.push((r.data as { pumpTwinChanged: (typeof events)[number] }).pumpTwinChanged), error: () => {}, complete: () => {} },
      );
      return events;
    };
    const [here, elsewhere] = [await subscribe(STATION), await subscribe(OTHER_STATION)];
    await new Promise((resolve) => setTimeout(resolve, 200));
    await publish('telemetry', { seq: ++seq, state: 'FUELLING', nozzle: 2, volumeMl: 1_000, amountMinor: 750 });
    const event = await eventually('the station’s event', () => here.find((e) => e.state === 'FUELLING'));
    expect(event).toMatchObject({ pumpId, alarms: [{ code: 'PUMP_DISPENSING_UNAUTHORISED' }, { code: 'PUMP_TOTALIZER_GAP' }] });
    await publish('telemetry', { seq: ++seq, state: 'IDLE' });
    await eventually('the pump at rest', () => here.find((e) => e.state === 'IDLE'));
    expect(here.at(-1)?.alarms.map((a) => a.code)).toEqual(['PUMP_TOTALIZER_GAP']);
    expect(elsewhere).toEqual([]);
  });

  it('resolves the caller’s pumps’ twins in one _entities call: empty before a pump reports, null for a pump not bound or not theirs', async () => {
    await db.query(
      `INSERT INTO fueling.pump (tenant_id, id, station_id, dispenser, name) VALUES ($1, 'pump-2', $2, 'D1', 'Pump 2'), ($1, 'pump-3', $2, 'D2', 'Pump 3')`,
      [DEMO_TENANT_ID, STATION],
    );
    await new DeviceService(db, twins.kinds).bind(caller, { kind: 'pump', id: 'pump-3', gatewayId });
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Pump { id twin { pumpId state totalizers { nozzle totalizerMl } } } } }`;
    const representations = [pumpId, 'pump-2', 'pump-3'].map((id) => ({ __typename: 'Pump', id }));
    const { _entities } = await graphqlData<{ _entities: { id: string; twin: unknown }[] }>(
      twins.graphqlUrl,
      query,
      { r: representations },
      await testContext.headers(),
    );
    expect(_entities).toEqual([
      { id: pumpId, twin: { pumpId, state: 'IDLE', totalizers: [{ nozzle: 1, totalizerMl: 3000 }] } },
      { id: 'pump-2', twin: null },
      { id: 'pump-3', twin: { pumpId: 'pump-3', state: null, totalizers: [] } },
    ]);
    const stranger = await testContext.headers({ tenantId: '00000000-0000-4000-8000-0000000000ff' });
    const theirs = await graphqlData<{ _entities: { twin: unknown }[] }>(twins.graphqlUrl, query, { r: representations.slice(0, 1) }, stranger);
    expect(theirs._entities).toEqual([{ id: pumpId, twin: null }]);
  });

  it('describes every type, field and argument it adds to the schema', async () => {
    const schema = await buildTwinsSchema({ db, kinds: new TwinKinds().register(kind) } as unknown as TwinsDeps);
    expect(
      schema
        .getSubscriptionType()
        ?.getFields()
        .pumpTwinChanged?.args.map((a) => a.name)
        .sort(),
    ).toEqual(['pumpId', 'stationId']);
    expect(undocumented(schema).filter((c) => /^(Pump|NozzleTotalizer|PendingAuthorization|FuelPointState|FuelPrice)|pumpTwinChanged/.test(c))).toEqual([]);
  });
});
