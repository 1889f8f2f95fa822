import { randomUUID } from 'node:crypto';
import { createClient } from 'graphql-ws';
import { connectAsync, type MqttClient } from 'mqtt';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, DEMO_TENANT_ID, type CallerContext } from '@hearth/platform';
import { loadMigrations, migrate, type Database } from '@hearth/platform/db';
import { migrateLedger } from '@hearth/platform/ledger';
import { tanksMigrations } from '@hearth/tanks';
import { eventually } from '@hearth/testkit/eventually';
import { graphqlData } from '@hearth/testkit/graphql-http';
import { testContext } from '@hearth/testkit/signed-context';
import { openTestDatabase } from '@hearth/testkit/test-database';
import { DeviceService } from '../../fleet/device.service';
import { GatewayService } from '../../fleet/gateway.service';
import { startTwinsService, type RunningTwinsService } from '../../index';
import type { PumpKind } from './pump-kind';

/**
 * Prices and sale anomalies through the running twins service, a real broker and MQTT client, the
 * fueling service's tables made by its own migrations: a price change whose time came goes to the
 * pump as SET_PRICES, its ack shows on the twin and in the change's rollout; a scheduled one waits
 * for its instant; a sale settled with anomalies raises its alarms once.
 */
const FUELING_MIGRATIONS = new URL('../../../../subgraphs/fueling/src/migrations/', import.meta.url);
const caller: CallerContext = { tenantId: DEMO_TENANT_ID, requestId: 'r', principal: { kind: 'user', id: 'u' }, scopes: ['fleet:write'] };
const STATION = randomUUID();
const gatewayId = 'gw-prices';
const [pumpId, unboundPumpId] = ['pump-p1', 'pump-p2'];

let db: Database;
let twins: RunningTwinsService;
let kind: PumpKind;
let gateway: MqttClient;
const commands: { id: string; action: string; prices?: { grade: string; unitPriceMinor: number }[] }[] = [];

const setPrice = async (grade: string, unitPriceMinor: number, effectiveAt: Date, stationId: string | null = null): Promise<string> => {
  const [row] = await db.query<{ id: string }>(
    `INSERT INTO fueling.price (tenant_id, grade_code, station_id, unit_price_minor, effective_at, created_by) VALUES ($1, $2, $3, $4, $5, 'user:u') RETURNING id::text`,
    [DEMO_TENANT_ID, grade, stationId, unitPriceMinor, effectiveAt],
  );
  return row!.id;
};
const entities = async <T>(query: string, representations: object[]) =>
  (await graphqlData<{ _entities: T[] }>(twins.graphqlUrl, query, { r: representations }, await testContext.headers()))._entities;
const rollout = async (priceId: string) =>
  (
    await entities<{ rollout: unknown }>(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on FuelPrice { rollout { pumps confirmed pending failed } } } }`,
      [{ __typename: 'FuelPrice', id: priceId }],
    )
  )[0]!.rollout;
const twinPrices = async () =>
  (
    await entities<{ twin: { prices: { grade: string; unitPriceMinor: number; status: string; confirmedAt: string | null }[] } }>(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Pump { twin { prices { grade unitPriceMinor status confirmedAt } } } } }`,
      [{ __typename: 'Pump', id: pumpId }],
    )
  )[0]!.twin.prices;

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
    logger: createLogger('pump-prices-test', 'silent'),
    contextVerifier: testContext.verifier,
    mqtt: { tcpPort: 0, host: '127.0.0.1' },
  });
  kind = twins.kinds.require('pump') as unknown as PumpKind;
  await db.query(`INSERT INTO fueling.grade (tenant_id, code, name, product) VALUES ($1, '92#', '92#', 'GASOLINE'), ($1, '95#', '95#', 'GASOLINE')`, [
    DEMO_TENANT_ID,
  ]);
  await db.query(`INSERT INTO fueling.station (tenant_id, site_id) VALUES ($1, $2)`, [DEMO_TENANT_ID, STATION]);
  for (const id of [pumpId, unboundPumpId])
    await db.query(`INSERT INTO fueling.pump (tenant_id, id, station_id, dispenser, name) VALUES ($1, $2, $3, 'D1', $2)`, [DEMO_TENANT_ID, id, STATION]);
  await db.query(`INSERT INTO fueling.nozzle (tenant_id, pump_id, number, grade_code) VALUES ($1, $2, 1, '92#'), ($1, $2, 2, '95#'), ($1, $3, 1, '92#')`, [
    DEMO_TENANT_ID,
    pumpId,
    unboundPumpId,
  ]);
  // In effect before the price board started reading: not sent by itself, but carried with the next change.
  await setPrice('95#', 800, new Date(Date.now() - 3600_000), STATION);
  const { secret } = await new GatewayService(db).register(caller, { id: gatewayId, name: 'Forecourt controller' });
  await new DeviceService(db, twins.kinds).bind(caller, { kind: 'pump', id: pumpId, gatewayId });
  gateway = await connectAsync(`mqtt://127.0.0.1:${twins.mqttPorts.tcpPort}`, { username: gatewayId, password: secret, reconnectPeriod: 0 });
  gateway.on('message', (_topic, payload) => commands.push(JSON.parse(payload.toString()) as (typeof commands)[number]));
  await gateway.subscribeAsync(`hearth/v1/${gatewayId}/pump/${pumpId}/command`, { qos: 1 });
}, 60_000);

afterAll(async () => {
  await gateway?.endAsync(true);
  await twins?.close();
  await db?.close();
});

describe('prices sent to the pumps', () => {
  it('sends a change whose time came as SET_PRICES with every grade of the pump’s nozzles; the pump’s ack shows on the twin and in the rollout', async () => {
    const priceId = await setPrice('92#', 750, new Date());
    await kind.prices.wake();
    const command = await eventually('the SET_PRICES command', () => commands.find((c) => c.action === 'SET_PRICES'));
    expect(command.prices).toEqual([
      { grade: '92#', unitPriceMinor: 750 },
      { grade: '95#', unitPriceMinor: 800 },
    ]);
    const [row] = await db.query<{ requested_by: string }>('SELECT requested_by FROM twins.command WHERE id = $1', [command.id]);
    expect(row?.requested_by).toBe('service:price-board');
    const audit = await db.query<{ action: string; target: string }>(`SELECT action, target FROM audit.entry WHERE details->>'commandId' = $1`, [command.id]);
    expect(audit).toEqual([{ action: 'fueling.prices-sent', target: `pump:${pumpId}` }]);
    // The pump bound to no gateway cannot be reached: failed until it is bound.
    expect(await rollout(priceId)).toEqual({ pumps: 2, confirmed: 0, pending: 1, failed: 1 });

    await gateway.publishAsync(`hearth/v1/${gatewayId}/pump/${pumpId}/command/ack`, JSON.stringify({ id: command.id, status: 'done' }), { qos: 1 });
    expect(await rollout(priceId)).toEqual({ pumps: 2, confirmed: 1, pending: 0, failed: 1 });
    expect(await twinPrices()).toEqual([
      { grade: '92#', unitPriceMinor: 750, status: 'DONE', confirmedAt: expect.any(String) },
      { grade: '95#', unitPriceMinor: 800, status: 'DONE', confirmedAt: expect.any(String) },
    ]);
    // Read again (the look-back window, another instance's run), it is not sent again.
    await kind.prices.wake();
    expect(commands.filter((c) => c.action === 'SET_PRICES')).toHaveLength(1);
  });

  it('does not send a scheduled change before its time, and sends it at its instant without waiting for the poll', async () => {
    const effectiveAt = new Date(Date.now() + 1_500);
    const priceId = await setPrice('92#', 780, effectiveAt);
    await kind.prices.wake();
    expect(commands.filter((c) => c.prices?.some((p) => p.unitPriceMinor === 780))).toEqual([]);
    expect(await rollout(priceId)).toEqual({ pumps: 2, confirmed: 0, pending: 2, failed: 0 });
    const command = await eventually('the scheduled SET_PRICES', () => commands.find((c) => c.prices?.some((p) => p.unitPriceMinor === 780)), 5_000);
    expect(Date.now()).toBeGreaterThanOrEqual(effectiveAt.getTime());
    expect(command.prices).toEqual([
      { grade: '92#', unitPriceMinor: 780 },
      { grade: '95#', unitPriceMinor: 800 },
    ]);
  });
});

describe('sale anomalies in the alarm centre', () => {
  const settle = async (counter: number, anomalies: object[]): Promise<string> => {
    const id = randomUUID();
    await db.query(
      `INSERT INTO fueling.sale (id, tenant_id, pump_id, counter, station_id, nozzle, grade_code, volume_ml, unit_price_minor, amount_minor,
         totalizer_start_ml, totalizer_end_ml, started_at, ended_at, anomalies, received_at)
       VALUES ($1, $2, $3, $4, $5, 1, '92#', 300000, 750, 225010, 0, 300000, now() - interval '5 minutes', now() - interval '1 minute', $6, now())`,
      [id, DEMO_TENANT_ID, pumpId, counter, STATION, JSON.stringify(anomalies)],
    );
    return id;
  };
  const alarmsOf = (saleId: string) =>
    db.query<{ id: string; code: string; severity: string; state: string; site_id: string; message: string }>(
      `SELECT id::text, code, severity, state, site_id::text, message FROM twins.alarm WHERE asset_kind = 'pump' AND asset_id = $1 AND message LIKE '%' || $2 || '%' ORDER BY code`,
      [pumpId, saleId],
    );

  it('raises one alarm per anomaly code, returned to normal and waiting for an operator, and not again when read again', async () => {
    const saleId = await settle(7, [
      { code: 'LARGE_AMOUNT', thresholdMinor: 200_000 },
      { code: 'PRICE_VOLUME_MISMATCH', expectedAmountMinor: 225_000, differenceMinor: 10 },
      { code: 'PRICE_NOT_IN_EFFECT', effectiveUnitPriceMinor: 780 },
    ]);
    await settle(8, []);
    // Live: alarmChanged subscribers hear of them once committed.
    const live = createClient({ url: twins.wsUrl, webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: await testContext.headers() });
    const heard: { code: string; state: string }[] = [];
    live.subscribe(
      { query: 'subscription { alarmChanged { code state } }' },
      { next: (r) => void heard.push((r.data as { alarmChanged: (typeof heard)[number] }).alarmChanged), error: () => {}, complete: () => {} },
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    await kind.anomalies.wake();
    await eventually('the sale alarms heard live', () => (heard.length >= 2 ? heard : undefined));
    await live.dispose();
    expect([...new Set(heard.map((a) => a.code))].sort()).toEqual(['FUEL_SALE_LARGE_AMOUNT', 'FUEL_SALE_PRICE_MISMATCH']);
    const alarms = await alarmsOf(saleId);
    expect(alarms.map(({ code, severity, state, site_id }) => ({ code, severity, state, site_id }))).toEqual([
      { code: 'FUEL_SALE_LARGE_AMOUNT', severity: 'WARNING', state: 'CLEARED_UNACKNOWLEDGED', site_id: STATION },
      { code: 'FUEL_SALE_PRICE_MISMATCH', severity: 'MAJOR', state: 'CLEARED_UNACKNOWLEDGED', site_id: STATION },
    ]);
    expect(alarms[1]!.message).toMatch(/counter 7.*PRICE_VOLUME_MISMATCH .*differenceMinor=10.*; PRICE_NOT_IN_EFFECT effectiveUnitPriceMinor=780/);
    expect(kind.twins.get(pumpId)?.alarms ?? []).toEqual([]);

    await kind.anomalies.wake();
    expect(await alarmsOf(saleId)).toHaveLength(2);
    const { acknowledgeAlarm } = await graphqlData<{ acknowledgeAlarm: { state: string } }>(
      twins.graphqlUrl,
      `mutation($id: ID!) { acknowledgeAlarm(id: $id, comment: "fleet truck") { state } }`,
      { id: alarms[0]!.id },
      await testContext.headers(),
    );
    expect(acknowledgeAlarm.state).toBe('CLEARED');
  });
});
