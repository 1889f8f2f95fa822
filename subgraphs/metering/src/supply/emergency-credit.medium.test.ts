import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_TENANT_ID } from '@hearth/platform';
import {
  at,
  balanceOf,
  payIn,
  startChargeTestService,
  storeReading,
  TARIFF_FROM,
  testMeter,
  testTariff,
  type ChargeTestService,
} from '../charge/charge-test-data';
import { EMERGENCY_CREDIT_CODE } from './emergency-credit';
import { evaluateSupply } from './evaluate-supply';

let t: ChargeTestService;
let flat: string;
let register = new Map<string, { minutes: number; milli: number }>();

/** The meter consumes `kwh` more (¥0.50 a kWh), read 15 minutes after its last reading, and is charged. */
async function consume(meterId: string, kwh: number) {
  const last = register.get(meterId) ?? { minutes: 0, milli: 0 };
  if (!register.has(meterId)) await storeReading(t, meterId, at(0), 0);
  const next = { minutes: last.minutes + 15, milli: last.milli + kwh * 1000 };
  register.set(meterId, next);
  await storeReading(t, meterId, at(next.minutes), next.milli);
  await t.service.services.charges.readings.wake();
}

/** Every way supply is looked at, more than once and at once: each grant, recovery and decision must still happen once. */
async function lookAtSupply(meterId: string) {
  const { supply } = t.service.services;
  await Promise.all([supply.sweep.run(), supply.charged.run(), evaluateSupply(t.db, [meterId]), evaluateSupply(t.db, [meterId])]);
  await supply.sweep.run();
}

const eventsOf = async (meterId: string) =>
  (await t.db.query<{ action: string }>(`SELECT action FROM metering.supply_event WHERE meter_id = $1 ORDER BY id`, [meterId])).map((e) => e.action);
const creditsOf = (meterId: string) =>
  t.db.query<{ granted: number; recovered: number; outstanding: number }>(
    `SELECT granted_minor::float8 AS granted, recovered_minor::float8 AS recovered, outstanding_minor::float8 AS outstanding
       FROM metering.emergency_credit WHERE meter_id = $1 ORDER BY grant_no`,
    [meterId],
  );
const journalsOf = async (walletId: string, kind: string) =>
  (
    await t.db.query<{ amount: number }>(
      `SELECT e.amount_minor::float8 AS amount FROM ledger.entry e JOIN ledger.journal j ON j.id = e.journal_id
        WHERE e.account_id = $1 AND j.kind = $2 ORDER BY e.created_at`,
      [walletId, kind],
    )
  ).map((r) => r.amount);
const receivableBalance = async () =>
  (
    await t.db.query<{ b: number }>(`SELECT balance_minor::float8 AS b FROM ledger.account WHERE tenant_id = $1 AND type = 'CLEARING' AND code = $2`, [
      DEMO_TENANT_ID,
      EMERGENCY_CREDIT_CODE,
    ])
  )[0]?.b ?? 0;
const outstandingOnMeter = async (meterId: string) =>
  (
    await t.data<{ meter: { emergencyCreditOutstandingMinor: number } }>(`query($id: ID!) { meter(id: $id) { emergencyCreditOutstandingMinor } }`, {
      id: meterId,
    })
  ).meter.emergencyCreditOutstandingMinor;
const setPolicy = (input: Record<string, unknown>) =>
  t.data<{ setMeteringPolicy: Record<string, unknown> }>(
    `mutation($i: SetMeteringPolicyInput!) { setMeteringPolicy(input: $i) { emergencyCreditMinor emergencyRecoverySharePercent reconnectMinor } }`,
    { i: input },
  );

beforeAll(async () => {
  t = await startChargeTestService();
  flat = await testTariff(t, [{ from: TARIFF_FROM, structure: { type: 'FLAT', unitPriceE4: 5_000 } }]);
});
beforeEach(async () => {
  register = new Map();
  // ¥80 of emergency credit, half of each top-up repays it; reconnection at ¥60.
  await setPolicy({
    alarm1Minor: 500,
    alarm2Minor: 200,
    emergencyCreditMinor: 8_000,
    emergencyRecoverySharePercent: 50,
    reconnectMinor: 6_000,
    reconnectAction: 'ALLOW_CLOSE',
    noFriendlyNights: true,
  });
});
afterAll(async () => {
  await t?.close();
});

describe('emergency credit', () => {
  it('is lent once at zero, keeps the meter on until it is used, then the meter trips once', async () => {
    const receivableBefore = await receivableBalance();
    const { meterId, walletId } = await testMeter(t, { tariffId: flat, balanceMinor: 100 });
    await consume(meterId, 2); // ¥1.00 → 0: lent ¥80 instead of the trip
    await lookAtSupply(meterId);
    await lookAtSupply(meterId);
    expect(await eventsOf(meterId)).toEqual([]);
    expect(await creditsOf(meterId)).toEqual([{ granted: 8_000, recovered: 0, outstanding: 8_000 }]);
    expect(await balanceOf(t, walletId!)).toBe(8_000);
    expect(await journalsOf(walletId!, 'EMERGENCY_CREDIT')).toEqual([8_000]);
    expect(await receivableBalance()).toBe(receivableBefore - 8_000);
    expect(await outstandingOnMeter(meterId)).toBe(8_000);

    await consume(meterId, 150); // ¥75 → ¥5.00: still on, alarm 1
    await lookAtSupply(meterId);
    expect(await eventsOf(meterId)).toEqual(['NOTIFY_ALARM1']);
    await consume(meterId, 10); // ¥5 → 0 with credit outstanding: the trip
    await lookAtSupply(meterId);
    await consume(meterId, 1); // unfunded; nothing more
    await lookAtSupply(meterId);
    expect(await eventsOf(meterId)).toEqual(['NOTIFY_ALARM1', 'ALARM', 'TRIP']);
    expect(await creditsOf(meterId)).toHaveLength(1);
    expect(await journalsOf(walletId!, 'EMERGENCY_CREDIT')).toEqual([8_000]);
    expect(await balanceOf(t, walletId!)).toBe(0);
  });

  it('is repaid a share of each later top-up, exactly once, and the meter reconnects only once the balance after repayment passes the threshold', async () => {
    const { meterId, walletId } = await testMeter(t, { tariffId: flat, balanceMinor: 10_000 }); // paid before the loan: repays nothing
    await consume(meterId, 200); // ¥100 → 0: lent ¥80
    await lookAtSupply(meterId);
    await consume(meterId, 160); // ¥80 → 0: tripped
    await lookAtSupply(meterId);
    expect(await eventsOf(meterId)).toEqual(['NOTIFY_ALARM1', 'ALARM', 'TRIP']);

    await payIn(t, walletId!, 10_000); // ¥100, half repays ¥50 of ¥80: ¥50 left, under the ¥60 threshold
    await lookAtSupply(meterId);
    await lookAtSupply(meterId);
    expect(await creditsOf(meterId)).toEqual([{ granted: 8_000, recovered: 5_000, outstanding: 3_000 }]);
    expect(await balanceOf(t, walletId!)).toBe(5_000);
    // Above alarm 2: the meter's alarm is released, the relay stays open.
    expect(await eventsOf(meterId)).toEqual(['NOTIFY_ALARM1', 'ALARM', 'TRIP', 'ALARM_RELEASE']);
    expect(await outstandingOnMeter(meterId)).toBe(3_000);

    await payIn(t, walletId!, 10_000); // repays the ¥30 left, not ¥50: ¥120, reconnected
    await lookAtSupply(meterId);
    await lookAtSupply(meterId);
    expect(await creditsOf(meterId)).toEqual([{ granted: 8_000, recovered: 8_000, outstanding: 0 }]);
    expect(await balanceOf(t, walletId!)).toBe(12_000);
    expect(await eventsOf(meterId)).toEqual(['NOTIFY_ALARM1', 'ALARM', 'TRIP', 'ALARM_RELEASE', 'ALLOW_CLOSE']);

    await payIn(t, walletId!, 10_000); // nothing owed: nothing taken
    await lookAtSupply(meterId);
    expect(await journalsOf(walletId!, 'EMERGENCY_RECOVERY')).toEqual([-5_000, -3_000]);
    expect(await balanceOf(t, walletId!)).toBe(22_000);
    expect(await outstandingOnMeter(meterId)).toBe(0);
    const recoveries = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM metering.emergency_recovery r JOIN metering.emergency_credit c ON c.id = r.credit_id WHERE c.meter_id = $1`,
      [meterId],
    );
    expect(recoveries[0]!.n).toBe(2);
  });

  it('is lent again after it was repaid, and a top-up seen by a charge first still repays its share', async () => {
    const { meterId, walletId } = await testMeter(t, { tariffId: flat, balanceMinor: 100 });
    await consume(meterId, 2); // lent ¥80
    await lookAtSupply(meterId);
    await payIn(t, walletId!, 20_000); // repays min(¥80, ¥100)
    await consume(meterId, 2); // a charge announces the wallet's balance before the sweep looks
    await lookAtSupply(meterId);
    expect(await creditsOf(meterId)).toEqual([{ granted: 8_000, recovered: 8_000, outstanding: 0 }]);
    expect(await balanceOf(t, walletId!)).toBe(8_000 + 20_000 - 100 - 8_000);
    await consume(meterId, 398); // ¥199 → 0: lent again
    await lookAtSupply(meterId);
    expect((await creditsOf(meterId)).map((c) => c.outstanding)).toEqual([0, 8_000]);
    expect(await eventsOf(meterId)).toEqual([]);
  });

  it('refuses a recovery share outside 0–100 or none where credit is lent', async () => {
    const bad = await t.raw(`mutation { setMeteringPolicy(input: { emergencyRecoverySharePercent: 120 }) { emergencyRecoverySharePercent } }`);
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const none = await t.raw(`mutation { setMeteringPolicy(input: { emergencyRecoverySharePercent: 0 }) { emergencyRecoverySharePercent } }`);
    expect(none.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await setPolicy({ emergencyRecoverySharePercent: 12.5 })).setMeteringPolicy.emergencyRecoverySharePercent).toBe(12.5);
  });
});

describe('meterSupplyEvents', () => {
  const page = (meterId: string, first: number, after: string | null, headers?: Record<string, string>) =>
    t.data<{
      meterSupplyEvents: {
        totalCount: number;
        edges: { node: { action: string; reason: string; balanceMinor: number | null; createdAt: string } }[];
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
      };
    }>(
      `query($m: ID!, $f: Int!, $a: String) { meterSupplyEvents(meterId: $m, first: $f, after: $a) {
         totalCount edges { node { action reason balanceMinor createdAt } } pageInfo { hasNextPage endCursor } } }`,
      { m: meterId, f: first, a: after },
      headers,
    );

  it('lists a meter’s decisions newest first, a page at a time; a rival’s meter is empty', async () => {
    await setPolicy({ emergencyCreditMinor: 0, reconnectMinor: 300 });
    const { meterId, walletId } = await testMeter(t, { tariffId: flat, balanceMinor: 1_000 });
    await consume(meterId, 20); // → 0: alarm 1, alarm 2, trip
    await lookAtSupply(meterId);
    await payIn(t, walletId!, 1_000);
    await lookAtSupply(meterId);
    // Decisions of one evaluation are written by one statement: their order is their (created_at, id), as the twins read them.
    const newestFirst = (
      await t.db.query<{ action: string }>(`SELECT action FROM metering.supply_event WHERE meter_id = $1 ORDER BY created_at DESC, id DESC`, [meterId])
    ).map((e) => e.action);
    expect([...newestFirst].sort()).toEqual(['ALARM', 'ALARM_RELEASE', 'ALLOW_CLOSE', 'NOTIFY_ALARM1', 'TRIP']);
    const first = (await page(meterId, 3, null)).meterSupplyEvents;
    expect(first.totalCount).toBe(5);
    expect(first.edges.map((e) => e.node.action)).toEqual(newestFirst.slice(0, 3));
    expect(first.edges[0]!.node).toMatchObject({ action: 'ALLOW_CLOSE', reason: 'TOP_UP', balanceMinor: 1_000 });
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (await page(meterId, 3, first.pageInfo.endCursor)).meterSupplyEvents;
    expect(second.edges.map((e) => e.node.action)).toEqual(newestFirst.slice(3));
    expect(second.pageInfo.hasNextPage).toBe(false);
    const times = [...first.edges, ...second.edges].map((e) => Date.parse(e.node.createdAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));

    const rival = await t.as({ tenantId: '0b0b0b0b-0000-4000-8000-00000000000b', scopes: ['*:read', '*:write'] });
    const theirs = (await page(meterId, 3, null, rival)).meterSupplyEvents;
    expect(theirs).toMatchObject({ totalCount: 0, edges: [] });
    expect((await page('not-a-meter', 3, null)).meterSupplyEvents.edges).toEqual([]);
    const wrong = await t.raw(`{ meterSupplyEvents(meterId: "${meterId}", after: "bm9wZQ") { totalCount } }`);
    expect(wrong.errors?.[0]?.extensions?.code).toBe('INVALID_CURSOR');
  });
});
