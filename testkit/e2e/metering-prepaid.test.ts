import { randomInt, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type Client } from 'graphql-ws';
import mqtt, { type MqttClient } from 'mqtt';
import WebSocket from 'ws';
import { graphqlData } from '@hearth/testkit/graphql-http';
import { eventually } from '@hearth/testkit/eventually';
import { startTestStack, type TestStack } from '@hearth/testkit/test-stack';

/**
 * A prepaid meter end to end over real MQTT, GraphQL and graphql-ws (ADR 0018), as a payment partner
 * sees it: the partner's key hears alarm 1 on `alarmChanged`; the meter gets ALARM at alarm 2 and one
 * TRIP at zero on its command topic; the partner tops the wallet up through the API with its own key
 * and, the balance back above alarm 2, the meter's alarm is released (one ALARM_RELEASE, 2B) and it
 * is allowed to close (one ALLOW_CLOSE, DL/T 645's 1B) once the balance passes the reconnection
 * threshold; the supply-cut and alarm-2 alarms clear. Every reading is charged once, however often
 * the meter sends it.
 */
let stack: TestStack;
let field: MqttClient;
let partnerWs: Client;
let partnerKey: string;
const commands: string[] = [];
const alarmEvents: { code: string; state: string; assetId: string | null }[] = [];
const suffix = randomUUID().slice(0, 8);
let meterId: string;
let accountId: string;
let seq = 1;
let registerKwh = 500;
let relay: 'OPEN' | 'CLOSED' = 'CLOSED';

const gw = () => stack.demo.gateway;
const gql = <T>(query: string, variables: Record<string, unknown> = {}, auth: Record<string, string> = stack.auth) =>
  graphqlData<T>(stack.urls.graphql, query, variables, auth);
const publish = (body: Record<string, unknown>) =>
  field.publishAsync(`hearth/v1/${gw().id}/meter/${meterId}/telemetry`, JSON.stringify({ seq: seq++, ts: new Date().toISOString(), ...body }), { qos: 1 });
const consume = (kwh: number) => publish({ registerKwh: (registerKwh += kwh), relay });
const balance = async () =>
  (await gql<{ meter: { balanceMinor: number } }>('query($m: ID!) { meter(id: $m) { balanceMinor } }', { m: meterId })).meter.balanceMinor;

beforeAll(async () => {
  stack = await startTestStack();
  // Alarm 1 at ¥50, alarm 2 at ¥20, cut at zero (no emergency credit), reconnect at ¥10 by letting the customer close; no friendly window.
  await gql('mutation($i: SetMeteringPolicyInput!) { setMeteringPolicy(input: $i) { alarm1Minor } }', {
    i: {
      alarm1Minor: 5_000,
      alarm2Minor: 2_000,
      emergencyCreditMinor: 0,
      reconnectMinor: 1_000,
      reconnectAction: 'ALLOW_CLOSE',
      noFriendlyNights: true,
      friendlyWeekends: false,
      friendlyHolidays: false,
    },
  });
  const { createTariff } = await gql<{ createTariff: { id: string } }>('mutation($i: CreateTariffInput!) { createTariff(input: $i) { id } }', {
    i: { kind: 'ELECTRICITY', name: `Shops flat ${suffix}`, version: { type: 'FLAT', unitPrice: '1.0000' } },
  });
  const { createCustomer } = await gql<{ createCustomer: { id: string; account: { id: string } } }>(
    'mutation($n: String!) { createCustomer(input: { type: COMMERCIAL, name: $n, phones: ["13800138024"] }) { id account { id } } }',
    { n: `Noodle bar ${suffix}` },
  );
  accountId = createCustomer.account.id;
  await gql('mutation($a: ID!) { topUpAccount(input: { accountId: $a, amountMinor: 6000, idempotencyKey: "e2e-meter-opening", method: CASH }) { id } }', {
    a: accountId,
  });
  const { registerMeter } = await gql<{ registerMeter: { id: string } }>('mutation($i: RegisterMeterInput!) { registerMeter(input: $i) { id } }', {
    i: { kind: 'ELECTRICITY', serial: String(randomInt(1e11, 1e12 - 1)), name: `Shop C2-${suffix}`, siteId: stack.demo.sites[0]!.id },
  });
  meterId = registerMeter.id;
  await gql('mutation($m: ID!, $c: ID!, $t: ID!) { bindMeter(meterId: $m, customerId: $c, tariffId: $t) { id } }', {
    m: meterId,
    c: createCustomer.id,
    t: createTariff.id,
  });
  await gql('mutation($input: BindDeviceInput!) { bindDevice(input: $input) { id } }', { input: { kind: 'METER', id: meterId, gatewayId: gw().id } });
  // The payment partner: tops wallets up, and hears alarms (the balance warnings among them).
  const { createApiKey } = await gql<{ createApiKey: { secret: string } }>(
    'mutation { createApiKey(input: { name: "e2e payment partner", scopes: ["customers:read", "customers:write", "twins:read"] }) { secret } }',
  );
  partnerKey = createApiKey.secret;
  partnerWs = createClient({
    url: stack.urls.ws,
    webSocketImpl: WebSocket,
    lazy: false,
    retryAttempts: 0,
    connectionParams: { authorization: `Bearer ${partnerKey}` },
  });
  partnerWs.subscribe<{ alarmChanged: (typeof alarmEvents)[number] }>(
    { query: 'subscription { alarmChanged { code state assetId } }' },
    { next: (r) => r.data && alarmEvents.push(r.data.alarmChanged), error: () => undefined, complete: () => undefined },
  );
  // The meter (as its gateway plays it): carries out relay commands, acknowledges them and reports its relay.
  field = await mqtt.connectAsync(stack.urls.mqtt, { username: gw().id, password: gw().secret, reconnectPeriod: 0 });
  field.on('message', (topic, payload) => {
    const { id, action } = JSON.parse(payload.toString()) as { id: string; action: string };
    commands.push(action);
    if (action === 'TRIP') relay = 'OPEN';
    // ALLOW_CLOSE (1B): the customer presses the button at once.
    if (action === 'ALLOW_CLOSE' || action === 'CLOSE') relay = 'CLOSED';
    void field.publishAsync(`${topic}/ack`, JSON.stringify({ id, status: 'done' }), { qos: 1 }).then(() => publish({ relay }));
  });
  await field.subscribeAsync(`hearth/v1/${gw().id}/meter/${meterId}/command`, { qos: 1 });
  await new Promise((resolve) => setTimeout(resolve, 500)); // the partner's subscription reaches the twins service
  await consume(0); // the baseline: nothing charged
});
afterAll(async () => {
  await field?.endAsync();
  await partnerWs?.dispose();
  await stack?.destroy();
});

describe('a prepaid meter running out and topped up by a payment partner', () => {
  it('warns the partner at alarm 1, alarms the meter at alarm 2, trips once at zero, and reconnects once after the partner’s top-up', async () => {
    await consume(15); // ¥45 left: alarm 1
    const low = await eventually(
      'alarm 1 heard by the partner',
      () => alarmEvents.find((a) => a.code === 'METER_BALANCE_LOW' && a.assetId === meterId),
      10_000,
    );
    expect(low.state).toBe('ACTIVE');
    expect(commands).toEqual([]);

    await consume(30); // ¥15: alarm 2, the meter's own alarm
    await eventually('ALARM on the command topic', () => commands.includes('ALARM') || undefined, 10_000);
    // The same reading again (a retransmission under a new seq): charged once.
    await publish({ registerKwh, relay });
    await consume(20); // ¥20 charged, ¥15 paid: zero, the relay trips
    await eventually('TRIP on the command topic', () => commands.includes('TRIP') || undefined, 10_000);
    await eventually('the supply-cut alarm', () => alarmEvents.find((a) => a.code === 'METER_SUPPLY_CUT' && a.state === 'ACTIVE'), 10_000);
    expect(await balance()).toBe(0);
    const { meterCharges } = await gql<{ meterCharges: { edges: { node: { status: string; amountMinor: number } }[] } }>(
      'query($m: ID!) { meterCharges(meterId: $m, first: 10) { edges { node { status amountMinor } } } }',
      { m: meterId },
    );
    const charged = meterCharges.edges.map((e) => e.node).filter((c) => c.amountMinor > 0);
    expect(charged.map((c) => c.amountMinor)).toEqual([2_000, 3_000, 1_500]);
    expect(charged[0]!.status).toBe('UNFUNDED');

    // The partner tops up with its own key: past the reconnection threshold, the meter may close again.
    await gql(
      'mutation($a: ID!, $k: String!) { topUpAccount(input: { accountId: $a, amountMinor: 10000, idempotencyKey: $k, method: PARTNER }) { id } }',
      { a: accountId, k: `partner-${suffix}` },
      { authorization: `Bearer ${partnerKey}` },
    );
    await eventually('ALLOW_CLOSE on the command topic', () => commands.includes('ALLOW_CLOSE') || undefined, 15_000);
    expect(commands).toContain('ALARM_RELEASE');
    const { meter } = await eventually(
      'the twin closed, as intended and as reported',
      async () => {
        const res = await gql<{ meter: { twin: { relay: { intended: string; reported: string } } } }>(
          'query($m: ID!) { meter(id: $m) { twin { relay { intended reported } } } }',
          { m: meterId },
        );
        return res.meter.twin.relay.reported === 'CLOSED' && res.meter.twin.relay.intended === 'CLOSED' ? res : undefined;
      },
      10_000,
    );
    expect(meter.twin.relay).toEqual({ intended: 'CLOSED', reported: 'CLOSED' });
    await eventually('the supply-cut alarm cleared', () => alarmEvents.find((a) => a.code === 'METER_SUPPLY_CUT' && a.state !== 'ACTIVE'), 10_000);
    // One of each command, whatever the sweeps looked at meanwhile: the top-up released the meter's alarm before letting it close.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(commands.filter((c) => c !== 'READ_RELAY')).toEqual(['ALARM', 'TRIP', 'ALARM_RELEASE', 'ALLOW_CLOSE']);
  });
});
