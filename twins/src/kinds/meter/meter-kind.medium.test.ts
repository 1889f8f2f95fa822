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
import type { MeterKind } from './meter-kind';

/**
 * The meter kind in the running twins service, with a real broker and a real MQTT client, and the
 * metering service's tables created by its own migrations (`metering.meter`, `metering.supply_event`
 * are the contract): readings stored once, the other register refused, a TRIP carried out once, an
 * unanswered TRIP read back, a relay closed against its trip raised as tamper.
 */
const METERING_MIGRATIONS = new URL('../../../../subgraphs/metering/src/migrations/', import.meta.url);
const caller: CallerContext = { tenantId: DEMO_TENANT_ID, requestId: 'r', principal: { kind: 'user', id: 'u' }, scopes: ['fleet:write'] };
const SITE = randomUUID();
const OTHER_SITE = randomUUID();
const ACCOUNT = randomUUID();
const electricity = randomUUID();
const gas = randomUUID();
const gatewayId = 'gw-mall';
const topic = (meterId: string, channel: string) => `hearth/v1/${gatewayId}/meter/${meterId}/${channel}`;

let db: Database;
let twins: RunningTwinsService;
let kind: MeterKind;
let gateway: MqttClient;
const commands: { topic: string; body: Record<string, unknown> }[] = [];
const clients: Client[] = [];
const readingNotices: string[] = [];
let seq = 0;

const publish = (meterId: string, body: unknown) => gateway.publishAsync(topic(meterId, 'telemetry'), JSON.stringify(body), { qos: 1 });
const readings = (meterId: string) =>
  db.query<{ register_milli: number; relay: string | null; remaining_money_minor: number | null; observed_at: Date }>(
    `SELECT register_milli::float8 AS register_milli, relay, remaining_money_minor::float8 AS remaining_money_minor, observed_at
       FROM twins.meter_reading WHERE meter_id = $1 ORDER BY observed_at`,
    [meterId],
  );
const commandsOf = (meterId: string, action: string) => commands.filter((c) => c.topic === topic(meterId, 'command') && c.body.action === action);
const openAlarms = (meterId: string) =>
  db.query<{ code: string; severity: string; site_id: string | null }>(
    `SELECT code, severity, site_id::text FROM twins.alarm WHERE asset_kind = 'meter' AND asset_id = $1 AND cleared_at IS NULL ORDER BY code`,
    [meterId],
  );

/** A supply decision of the metering service, as it records one. */
async function decide(meterId: string, action: string, reason: string, balanceMinor: number): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query(`INSERT INTO metering.supply_event (tenant_id, meter_id, action, reason, balance_minor) VALUES ($1, $2, $3, $4, $5)`, [
      DEMO_TENANT_ID,
      meterId,
      action,
      reason,
      balanceMinor,
    ]);
    await tx.query(`SELECT pg_notify('metering_supply_event', '')`);
  });
}

beforeAll(async () => {
  db = await openTestDatabase();
  await migrateLedger(db);
  await migrate(db, 'tanks', await loadMigrations(tanksMigrations));
  await migrate(db, 'metering', await loadMigrations(METERING_MIGRATIONS));
  await db.query(
    `INSERT INTO ledger.account (id, tenant_id, type, currency, owner_ref, name, credit_limit_minor, balance_minor)
     VALUES ($1, $2, 'CUSTOMER_WALLET', 'CNY', 'customer:x', 'Shop B1-023', 0, 12345)`,
    [ACCOUNT, DEMO_TENANT_ID],
  );
  await db.query(
    `INSERT INTO metering.meter (id, tenant_id, kind, serial, name, site_id, customer_id, account_id)
     VALUES ($1, $3, 'ELECTRICITY', '000000001023', 'Shop B1-023', $4, $5, $6), ($2, $3, 'GAS', 'G-77', 'Flat 7', $4, NULL, NULL)`,
    [electricity, gas, DEMO_TENANT_ID, SITE, randomUUID(), ACCOUNT],
  );
  twins = await startTwinsService({
    db,
    port: 0,
    fleetPort: 0,
    host: '127.0.0.1',
    logger: createLogger('meter-kind-test', 'silent'),
    contextVerifier: testContext.verifier,
    mqtt: { tcpPort: 0, host: '127.0.0.1' },
  });
  kind = twins.kinds.require('meter') as unknown as MeterKind;
  await db.listen('twins_meter_reading', (payload) => readingNotices.push(payload));
  const { secret } = await new GatewayService(db).register(caller, { id: gatewayId, name: 'Mall controller' });
  for (const id of [electricity, gas]) await new DeviceService(db, twins.kinds).bind(caller, { kind: 'meter', id, gatewayId });
  gateway = await connectAsync(`mqtt://127.0.0.1:${twins.mqttPorts.tcpPort}`, { username: gatewayId, password: secret, reconnectPeriod: 0 });
  gateway.on('message', (t, payload) => commands.push({ topic: t, body: JSON.parse(payload.toString()) as Record<string, unknown> }));
  await gateway.subscribeAsync(`hearth/v1/${gatewayId}/meter/+/command`, { qos: 1 });
}, 60_000);

afterAll(async () => {
  for (const client of clients) await client.dispose();
  await gateway?.endAsync(true);
  await twins?.close();
  await db?.close();
});

describe('prepaid meters in the twins service', () => {
  it('binds only the caller’s meters of the metering service, and knows their kind and site', async () => {
    for (const id of [randomUUID(), 'meter-unknown'])
      await expect(new DeviceService(db, twins.kinds).bind(caller, { kind: 'meter', id, gatewayId })).rejects.toMatchObject({
        extensions: { code: 'NOT_FOUND', entity: 'Meter' },
      });
    expect(kind.places.placeOf(DEMO_TENANT_ID, electricity)).toEqual({ tenantId: DEMO_TENANT_ID, kind: 'ELECTRICITY', siteId: SITE });
    expect(kind.places.placeOf(DEMO_TENANT_ID, gas)).toMatchObject({ kind: 'GAS' });
  });

  it('stores a register reading once though QoS 1 delivers it twice, announces it, and moves the twin', async () => {
    const body = JSON.stringify({ ts: '2026-11-21T08:00:00Z', seq: ++seq, registerKwh: 1234.567, relay: 'CLOSED', remainingMoneyMinor: 5_000 });
    await gateway.publishAsync(topic(electricity, 'telemetry'), body, { qos: 1 });
    await gateway.publishAsync(topic(electricity, 'telemetry'), body, { qos: 1, dup: true });
    // Another sample of the same instant under a new seq (an edge that restarted) is not stored again either.
    await publish(electricity, { ts: '2026-11-21T08:00:00Z', seq: ++seq, registerKwh: 1234.567 });
    expect(await readings(electricity)).toEqual([
      { register_milli: 1_234_567, relay: 'CLOSED', remaining_money_minor: 5_000, observed_at: new Date('2026-11-21T08:00:00Z') },
    ]);
    await eventually('the reading announced', () => readingNotices.length > 0 || undefined);
    expect(kind.twins.get(electricity)).toMatchObject({
      registerMilli: 1_234_567,
      registerKind: 'ELECTRICITY',
      observedAt: new Date('2026-11-21T08:00:00Z'),
      remainingMoneyMinor: 5_000,
      relay: { intended: 'CLOSED', reported: 'CLOSED' },
      online: true,
    });
    expect(twins.broker.rejections.forDevice(DEMO_TENANT_ID, 'meter', electricity).find((r) => r.reason === 'MQTT_DUPLICATE')?.count).toBe(1);
  });

  it('refuses the register of the other kind, and two registers at once, as MQTT_SCHEMA_VIOLATION, storing nothing of them', async () => {
    await publish(electricity, { ts: '2026-11-21T08:15:00Z', seq: ++seq, registerM3: 12.5 });
    await publish(gas, { ts: '2026-11-21T08:15:00Z', seq: ++seq, registerKwh: 12.5 });
    await publish(gas, { ts: '2026-11-21T08:16:00Z', seq: ++seq, registerKwh: 1, registerM3: 1 });
    const refused = (meterId: string) => twins.broker.rejections.forDevice(DEMO_TENANT_ID, 'meter', meterId).find((r) => r.reason === 'MQTT_SCHEMA_VIOLATION');
    expect(refused(electricity)).toMatchObject({ count: 1, lastDetail: expect.stringContaining('registerM3') });
    expect(refused(gas)?.count).toBe(2);
    expect(twins.broker.rejections.totals().MQTT_SCHEMA_VIOLATION).toBeGreaterThanOrEqual(3);
    expect(await readings(gas)).toEqual([]);
    expect(await readings(electricity)).toHaveLength(1);
    // A gas meter's own register is stored in litres.
    await publish(gas, { ts: '2026-11-21T08:17:00Z', seq: ++seq, registerM3: 12.345 });
    expect((await readings(gas)).map((r) => r.register_milli)).toEqual([12_345]);
  });

  it('shows the caller’s meters’ twins with their balance in one _entities call; null for a meter not theirs', async () => {
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Meter { id twin { meterId kind registerKwh registerM3 balanceMinor remainingMoneyMinor online relay { intended reported pendingAction lastCommandStatus } } } } }`;
    const representations = [electricity, gas].map((id) => ({ __typename: 'Meter', id }));
    const { _entities } = await graphqlData<{ _entities: unknown[] }>(twins.graphqlUrl, query, { r: representations }, await testContext.headers());
    expect(_entities).toEqual([
      {
        id: electricity,
        twin: {
          meterId: electricity,
          kind: 'ELECTRICITY',
          registerKwh: 1234.567,
          registerM3: null,
          balanceMinor: 12_345,
          remainingMoneyMinor: 5_000,
          online: true,
          relay: { intended: 'CLOSED', reported: 'CLOSED', pendingAction: null, lastCommandStatus: null },
        },
      },
      { id: gas, twin: expect.objectContaining({ kind: 'GAS', registerKwh: null, registerM3: 12.345, balanceMinor: null }) },
    ]);
    const stranger = await testContext.headers({ tenantId: '00000000-0000-4000-8000-0000000000ff' });
    const theirs = await graphqlData<{ _entities: unknown[] }>(twins.graphqlUrl, query, { r: representations.slice(0, 1) }, stranger);
    expect(theirs._entities).toEqual([{ id: electricity, twin: null }]);
  });

  it('carries a TRIP decision out once: the TRIP command by the service, audited, the relay intended OPEN, supply cut alarmed', async () => {
    kind.settings.answerWithinMs = 1_000;
    await decide(electricity, 'TRIP', 'BALANCE_FLOOR', -1_000);
    const trip = await eventually('the TRIP command', () => commandsOf(electricity, 'TRIP')[0]?.body);
    expect(trip).toMatchObject({ action: 'TRIP', desired: { action: 'TRIP', reason: 'BALANCE_FLOOR' } });
    const [row] = await db.query<{ requested_by: string }>('SELECT requested_by FROM twins.command WHERE id = $1', [trip.id]);
    expect(row?.requested_by).toBe('service:meter-supply');
    const audit = await db.query<{ action: string; target: string }>(`SELECT action, target FROM audit.entry WHERE details->>'commandId' = $1`, [trip.id]);
    expect(audit).toEqual([{ action: 'metering.relay-tripped', target: `meter:${electricity}` }]);
    expect(kind.twins.get(electricity)?.relay).toMatchObject({ intended: 'OPEN', pending: { action: 'TRIP', commandId: trip.id } });
    expect(await openAlarms(electricity)).toEqual([{ code: 'METER_SUPPLY_CUT', severity: 'MAJOR', site_id: SITE }]);
    // Read again (another notice, the poll, another instance), and decided again while it is on its way: nothing more is sent.
    await kind.supply.wake();
    await decide(electricity, 'TRIP', 'OPERATOR', -1_000);
    await kind.supply.wake();
    expect(commandsOf(electricity, 'TRIP')).toHaveLength(1);
    const claims = await db.query<{ outcome: string }>(`SELECT outcome FROM twins.meter_supply_action WHERE meter_id = $1 ORDER BY event_id`, [electricity]);
    expect(claims.map((c) => c.outcome)).toEqual(['SENT', 'MERGED']);
  });

  it('reads the relay back when the TRIP goes unanswered, instead of sending it again', async () => {
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await twins.checks.run();
    const read = await eventually('the READ_RELAY command', () => commandsOf(electricity, 'READ_RELAY')[0]?.body);
    expect(read).toMatchObject({ action: 'READ_RELAY' });
    expect(commandsOf(electricity, 'TRIP')).toHaveLength(1);
    expect(kind.twins.get(electricity)?.relay).toMatchObject({ intended: 'OPEN', pending: { action: 'READ_RELAY' }, readBackDue: false });
  });

  it('confirms the trip on the read-back, and raises tamper when the relay then reports CLOSED, cleared when it is OPEN again', async () => {
    await publish(electricity, { seq: ++seq, relay: 'OPEN' });
    expect(kind.twins.get(electricity)?.relay).toMatchObject({ reported: 'OPEN', confirmed: true, pending: null, unconfirmed: false });
    await publish(electricity, { seq: ++seq, relay: 'CLOSED', registerKwh: 1235 });
    await kind.relays.idle();
    expect(await openAlarms(electricity)).toEqual([
      { code: 'METER_RELAY_TAMPER', severity: 'CRITICAL', site_id: SITE },
      { code: 'METER_SUPPLY_CUT', severity: 'MAJOR', site_id: SITE },
    ]);
    await publish(electricity, { seq: ++seq, relay: 'OPEN' });
    await kind.relays.idle();
    expect((await openAlarms(electricity)).map((a) => a.code)).toEqual(['METER_SUPPLY_CUT']);
    // Nothing was sent for any of it: tamper needs a person, not a command.
    expect(commandsOf(electricity, 'TRIP')).toHaveLength(1);
  });

  it('gives supply back on ALLOW_CLOSE, clearing the balance alarms; a site’s subscribers hear of it, and of the balance', async () => {
    kind.settings.answerWithinMs = 60_000;
    const client = createClient({ url: twins.wsUrl, webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: await testContext.headers() });
    clients.push(client);
    const events: { meterId: string; balanceMinor: number | null; relay: { intended: string } }[] = [];
    const elsewhere: unknown[] = [];
    const subscribe = (siteId: string, into: unknown[]) =>
      client.subscribe(
        { query: `subscription($s: ID) { meterTwinChanged(siteId: $s) { meterId balanceMinor relay { intended } } }`, variables: { s: siteId } },
        { next: (r) => void into.push((r.data as { meterTwinChanged: unknown }).meterTwinChanged), error: () => {}, complete: () => {} },
      );
    subscribe(SITE, events);
    subscribe(OTHER_SITE, elsewhere);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await decide(electricity, 'ALARM', 'BALANCE_ALARM2', -1_000);
    await eventually('the ALARM command', () => commandsOf(electricity, 'ALARM')[0]);
    await decide(electricity, 'ALLOW_CLOSE', 'TOP_UP', 50_000);
    await eventually('the ALLOW_CLOSE command', () => commandsOf(electricity, 'ALLOW_CLOSE')[0]);
    await eventually('the relay intended CLOSED, heard', () => events.find((e) => e.relay.intended === 'CLOSED'));
    expect(await openAlarms(electricity)).toEqual([]);
    await db.query(`SELECT pg_notify('metering_meter_balance', $1)`, [
      JSON.stringify({ tenantId: DEMO_TENANT_ID, meterId: electricity, balanceMinor: 49_000, at: new Date().toISOString() }),
    ]);
    await eventually('the balance heard', () => events.find((e) => e.balanceMinor === 49_000));
    expect(kind.balances.balanceOf(DEMO_TENANT_ID, electricity)).toBe(49_000);
    expect(elsewhere).toEqual([]);
  });

  it('releases the meter’s alarm when the balance is back above alarm 2: the ALARM_RELEASE command, audited, alarm 2 cleared, the relay left alone', async () => {
    await decide(electricity, 'ALARM', 'BALANCE_ALARM2', 150);
    await eventually('the second ALARM command', () => commandsOf(electricity, 'ALARM')[1]);
    expect((await openAlarms(electricity)).map((a) => a.code)).toEqual(['METER_BALANCE_ALARM2']);
    const relay = kind.twins.get(electricity)?.relay;
    await decide(electricity, 'ALARM_RELEASE', 'BALANCE_RESTORED', 350);
    const release = await eventually('the ALARM_RELEASE command', () => commandsOf(electricity, 'ALARM_RELEASE')[0]?.body);
    expect(release).toMatchObject({ action: 'ALARM_RELEASE', desired: { action: 'ALARM_RELEASE', reason: 'BALANCE_RESTORED' } });
    const audit = await db.query<{ action: string; target: string }>(`SELECT action, target FROM audit.entry WHERE details->>'commandId' = $1`, [release.id]);
    expect(audit).toEqual([{ action: 'metering.meter-alarm-released', target: `meter:${electricity}` }]);
    await eventually('alarm 2 cleared', async () => ((await openAlarms(electricity)).length === 0 ? true : undefined));
    expect(kind.twins.get(electricity)?.relay).toEqual(relay);
    await kind.supply.wake();
    expect(commandsOf(electricity, 'ALARM_RELEASE')).toHaveLength(1);
    const [claim] = await db.query<{ outcome: string }>(`SELECT outcome FROM twins.meter_supply_action WHERE meter_id = $1 ORDER BY event_id DESC LIMIT 1`, [
      electricity,
    ]);
    expect(claim?.outcome).toBe('SENT');
  });

  it('raises the first balance warning as an event waiting for acknowledgement', async () => {
    await decide(gas, 'NOTIFY_ALARM1', 'BALANCE_ALARM1', 1_500);
    const alarm = await eventually('the warning', async () => {
      const [row] = await db.query<{ code: string; severity: string; state: string }>(
        `SELECT code, severity, state FROM twins.alarm WHERE asset_kind = 'meter' AND asset_id = $1 AND code = 'METER_BALANCE_LOW'`,
        [gas],
      );
      return row;
    });
    expect(alarm).toEqual({ code: 'METER_BALANCE_LOW', severity: 'WARNING', state: 'CLEARED_UNACKNOWLEDGED' });
    expect(commands.filter((c) => c.topic === topic(gas, 'command'))).toEqual([]);
  });

  it('takes a TRIP claimed but never sent (its instance stopped before the command was recorded) again, long after the look-back window', async () => {
    const [event] = await db.query<{ id: string }>(
      `INSERT INTO metering.supply_event (tenant_id, meter_id, action, reason, balance_minor, created_at)
       VALUES ($1, $2, 'TRIP', 'BALANCE_FLOOR', -500, now() - interval '5 minutes') RETURNING id::text`,
      [DEMO_TENANT_ID, gas],
    );
    await db.query(
      `INSERT INTO twins.meter_supply_action (event_id, tenant_id, meter_id, action, outcome, carried_at) VALUES ($1, $2, $3, 'TRIP', 'SENDING', now() - interval '2 minutes')`,
      [event!.id, DEMO_TENANT_ID, gas],
    );
    await kind.supply.wake();
    const trip = await eventually('the TRIP command', () => commandsOf(gas, 'TRIP')[0]?.body);
    // The command goes out before its claim is settled: wait for that.
    const claim = await eventually('the claim settled', async () => {
      const [row] = await db.query<{ outcome: string; command_id: string }>(
        `SELECT outcome, command_id::text FROM twins.meter_supply_action WHERE event_id = $1`,
        [event!.id],
      );
      return row?.outcome === 'SENDING' ? undefined : row;
    });
    expect(claim).toEqual({ outcome: 'SENT', command_id: trip.id });
    await kind.supply.wake();
    expect(commandsOf(gas, 'TRIP')).toHaveLength(1);
  });

  it('keeps a TRIP that met a meter bound to no gateway due, and sends it once the meter is bound', async () => {
    const late = randomUUID();
    await db.query(
      `INSERT INTO metering.meter (id, tenant_id, kind, serial, name, site_id, customer_id, account_id)
       VALUES ($1, $2, 'ELECTRICITY', '000000009999', 'Shop B2-001', $3, $4, $5)`,
      [late, DEMO_TENANT_ID, SITE, randomUUID(), ACCOUNT],
    );
    await decide(late, 'TRIP', 'BALANCE_FLOOR', 0);
    await eventually('the decision met NOT_BOUND', async () => {
      const [claim] = await db.query<{ outcome: string }>(`SELECT outcome FROM twins.meter_supply_action WHERE meter_id = $1`, [late]);
      return claim?.outcome === 'NOT_BOUND' ? claim : undefined;
    });
    await kind.supply.wake();
    expect(commandsOf(late, 'TRIP')).toEqual([]);
    await new DeviceService(db, twins.kinds).bind(caller, { kind: 'meter', id: late, gatewayId });
    const trip = await eventually('the TRIP command', () => commandsOf(late, 'TRIP')[0]?.body);
    const [row] = await db.query<{ requested_by: string }>('SELECT requested_by FROM twins.command WHERE id = $1', [trip.id]);
    expect(row?.requested_by).toBe('service:meter-supply');
    // The command goes out before its claim is settled: wait for that.
    const claim = await eventually('the claim settled', async () => {
      const [row] = await db.query<{ outcome: string; command_id: string }>(
        `SELECT outcome, command_id::text FROM twins.meter_supply_action WHERE meter_id = $1`,
        [late],
      );
      return row?.outcome === 'SENDING' ? undefined : row;
    });
    expect(claim).toEqual({ outcome: 'SENT', command_id: trip.id });
    expect(kind.twins.get(late)?.relay).toMatchObject({ intended: 'OPEN' });
    await kind.supply.wake();
    expect(commandsOf(late, 'TRIP')).toHaveLength(1);
  });

  it('reads the relay back when the meter answers a TRIP but no report confirms it (a ghost success), retries once, then raises unconfirmed', async () => {
    const ghost = randomUUID();
    await db.query(
      `INSERT INTO metering.meter (id, tenant_id, kind, serial, name, site_id, customer_id, account_id)
       VALUES ($1, $2, 'ELECTRICITY', '000000009998', 'Shop B2-002', $3, $4, $5)`,
      [ghost, DEMO_TENANT_ID, SITE, randomUUID(), ACCOUNT],
    );
    await new DeviceService(db, twins.kinds).bind(caller, { kind: 'meter', id: ghost, gatewayId });
    kind.settings.answerWithinMs = 1_000;
    const done = (id: unknown) => gateway.publishAsync(topic(ghost, 'command/ack'), JSON.stringify({ id, status: 'done' }), { qos: 1 });
    const waitOut = () => new Promise((resolve) => setTimeout(resolve, 1_100));
    try {
      await decide(ghost, 'TRIP', 'BALANCE_FLOOR', 0);
      const trip = await eventually('the TRIP command', () => commandsOf(ghost, 'TRIP')[0]?.body);
      // The meter answers 9CH and does not switch; the relay read in the same poll is not yet a read-back.
      await done(trip.id);
      await publish(ghost, { seq: ++seq, relay: 'CLOSED' });
      await kind.relays.sweep();
      expect(commandsOf(ghost, 'READ_RELAY')).toEqual([]);
      await waitOut();
      await kind.relays.sweep();
      await eventually('the read-back', () => commandsOf(ghost, 'READ_RELAY')[0]);
      await publish(ghost, { seq: ++seq, relay: 'CLOSED' });
      const retry = await eventually('the TRIP once more', () => commandsOf(ghost, 'TRIP')[1]?.body);
      await done(retry.id);
      await waitOut();
      await kind.relays.sweep();
      await eventually('the second read-back', () => commandsOf(ghost, 'READ_RELAY')[1]);
      await publish(ghost, { seq: ++seq, relay: 'CLOSED' });
      await eventually('unconfirmed', async () => {
        await kind.relays.idle();
        return (await openAlarms(ghost)).some((a) => a.code === 'METER_RELAY_UNCONFIRMED');
      });
      await waitOut();
      await kind.relays.sweep();
      expect(commandsOf(ghost, 'TRIP')).toHaveLength(2);
      expect(commandsOf(ghost, 'READ_RELAY')).toHaveLength(2);
    } finally {
      kind.settings.answerWithinMs = 60_000;
    }
  });

  it('describes every type, field and argument it adds to the schema', async () => {
    const schema = await buildTwinsSchema({ db, kinds: new TwinKinds().register(kind) } as unknown as TwinsDeps);
    expect(
      schema
        .getSubscriptionType()
        ?.getFields()
        .meterTwinChanged?.args.map((a) => a.name)
        .sort(),
    ).toEqual(['meterId', 'siteId']);
    expect(undocumented(schema).filter((c) => /^(Meter|RelayState)|meterTwinChanged/.test(c))).toEqual([]);
  });
});
