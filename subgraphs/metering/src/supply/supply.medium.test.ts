import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
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

/** Every way supply is looked at, more than once and at once: a decision must still be made once. */
async function lookAtSupply(meterId: string) {
  const { supply } = t.service.services;
  await Promise.all([supply.sweep.run(), supply.charged.run(), evaluateSupply(t.db, [meterId]), evaluateSupply(t.db, [meterId])]);
  await supply.sweep.run();
}

const eventsOf = async (meterId: string) =>
  (await t.db.query<{ action: string }>(`SELECT action FROM metering.supply_event WHERE meter_id = $1 ORDER BY id`, [meterId])).map((e) => e.action);
const reasonsOf = async (meterId: string) =>
  (await t.db.query<{ reason: string }>(`SELECT reason FROM metering.supply_event WHERE meter_id = $1 ORDER BY id`, [meterId])).map((e) => e.reason);
const relayOf = async (meterId: string) =>
  (await t.db.query<{ relay: string; alarm: string }>(`SELECT relay_intended AS relay, alarm_level AS alarm FROM metering.meter WHERE id = $1`, [meterId]))[0];
const setPolicy = (input: Record<string, unknown>) =>
  t.data<{ setMeteringPolicy: Record<string, unknown> }>(
    `mutation($i: SetMeteringPolicyInput!) { setMeteringPolicy(input: $i) { alarm1Minor alarm2Minor emergencyCreditMinor reconnectMinor reconnectAction friendlyNights { from to } friendlyWeekends holidays } }`,
    { i: input },
  );

/** A night window around now on the company's clock (so "now" is in it). */
function windowAroundNow(): { from: string; to: string } {
  const hhmm = (ms: number) => new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ms);
  return { from: hhmm(Date.now() - 3_600_000), to: hhmm(Date.now() + 3_600_000) };
}

beforeAll(async () => {
  t = await startChargeTestService();
  flat = await testTariff(t, [{ from: TARIFF_FROM, structure: { type: 'FLAT', unitPriceE4: 5_000 } }]);
});
beforeEach(async () => {
  register = new Map();
  await setPolicy({ alarm1Minor: 500, alarm2Minor: 200, emergencyCreditMinor: 0, reconnectMinor: 300, reconnectAction: 'ALLOW_CLOSE', noFriendlyNights: true });
});
afterAll(async () => {
  await t?.close();
});

describe('supply from the balance', () => {
  it('alarms, trips exactly once at the floor, and reconnects exactly once after a top-up past the threshold', async () => {
    const { meterId, walletId } = await testMeter(t, { tariffId: flat, balanceMinor: 1_000 });
    await consume(meterId, 10); // ¥5.00 → ¥5.00 left: alarm 1
    await lookAtSupply(meterId);
    await consume(meterId, 6); // → ¥2.00: alarm 2
    await lookAtSupply(meterId);
    expect(await eventsOf(meterId)).toEqual(['NOTIFY_ALARM1', 'ALARM']);
    await consume(meterId, 5); // ¥2.50 of which ¥2.00 paid → 0: the floor
    await lookAtSupply(meterId);
    await consume(meterId, 1);
    await lookAtSupply(meterId);
    expect(await eventsOf(meterId)).toEqual(['NOTIFY_ALARM1', 'ALARM', 'TRIP']);
    expect(await relayOf(meterId)).toEqual({ relay: 'OPEN', alarm: 'ALARM2' });

    await payIn(t, walletId!, 200); // ¥2.00: under the ¥3.00 threshold
    await lookAtSupply(meterId);
    expect(await eventsOf(meterId)).toEqual(['NOTIFY_ALARM1', 'ALARM', 'TRIP']);
    await payIn(t, walletId!, 200); // ¥4.00: above alarm 2 (the meter's alarm released) and the threshold
    await lookAtSupply(meterId);
    await lookAtSupply(meterId);
    expect(await eventsOf(meterId)).toEqual(['NOTIFY_ALARM1', 'ALARM', 'TRIP', 'ALARM_RELEASE', 'ALLOW_CLOSE']);
    expect((await reasonsOf(meterId)).slice(-2)).toEqual(['BALANCE_RESTORED', 'TOP_UP']);
    expect(await relayOf(meterId)).toEqual({ relay: 'CLOSED', alarm: 'ALARM1' });
    expect(await balanceOf(t, walletId!)).toBe(400);
  });

  it('tells the twins a bound meter’s balance when a top-up moves it', async () => {
    const { meterId, walletId } = await testMeter(t, { tariffId: flat, balanceMinor: 10_000 });
    const heard: { meterId: string; balanceMinor: number }[] = [];
    const unlisten = await t.db.listen('metering_meter_balance', (p) => void heard.push(JSON.parse(p) as { meterId: string; balanceMinor: number }));
    await consume(meterId, 2);
    await payIn(t, walletId!, 1_234);
    await t.service.services.supply.sweep.run();
    await new Promise((r) => setTimeout(r, 200));
    await unlisten();
    // (The background sweep may tell the balance the meter was bound with, 10,000, first.)
    expect(heard.filter((h) => h.meterId === meterId && h.balanceMinor !== 10_000).map((h) => h.balanceMinor)).toEqual([9_900, 11_134]);
  });

  it('does not trip while supply is protected; trips once when the protection ends', async () => {
    const { meterId } = await testMeter(t, { tariffId: flat, balanceMinor: 100 });
    await t.db.query(`UPDATE metering.meter SET supply_protected = true, protected_reason = 'dialysis at home' WHERE id = $1`, [meterId]);
    await consume(meterId, 4);
    await lookAtSupply(meterId);
    expect(await eventsOf(meterId)).toEqual(['NOTIFY_ALARM1', 'ALARM']);
    await t.db.query(`UPDATE metering.meter SET protected_until = now() - interval '1 second' WHERE id = $1`, [meterId]);
    await lookAtSupply(meterId);
    await lookAtSupply(meterId);
    expect(await eventsOf(meterId)).toEqual(['NOTIFY_ALARM1', 'ALARM', 'TRIP']);
  });

  it('releases the meter’s alarm once when a top-up lifts the balance above alarm 2 without a trip', async () => {
    const { meterId, walletId } = await testMeter(t, { tariffId: flat, balanceMinor: 600 });
    await consume(meterId, 9); // ¥4.50 → ¥1.50: alarm 1 and alarm 2 at once
    await lookAtSupply(meterId);
    expect(await eventsOf(meterId)).toEqual(['NOTIFY_ALARM1', 'ALARM']);
    expect(await relayOf(meterId)).toEqual({ relay: 'CLOSED', alarm: 'ALARM2' });

    await payIn(t, walletId!, 150); // ¥3.00: above alarm 2 (¥2.00), under alarm 1 (¥5.00), never at the floor
    await lookAtSupply(meterId);
    expect(await eventsOf(meterId)).toEqual(['NOTIFY_ALARM1', 'ALARM', 'ALARM_RELEASE']);
    expect(await reasonsOf(meterId)).toEqual(['BALANCE_ALARM1', 'BALANCE_ALARM2', 'BALANCE_RESTORED']);
    expect(await relayOf(meterId)).toEqual({ relay: 'CLOSED', alarm: 'ALARM1' });
    await lookAtSupply(meterId);
    await t.service.services.supply.sweep.run();
    expect(await eventsOf(meterId)).toEqual(['NOTIFY_ALARM1', 'ALARM', 'ALARM_RELEASE']);

    await payIn(t, walletId!, 500); // ¥8.00: above alarm 1 as well: nothing more to release
    await lookAtSupply(meterId);
    expect(await eventsOf(meterId)).toEqual(['NOTIFY_ALARM1', 'ALARM', 'ALARM_RELEASE']);
    expect(await relayOf(meterId)).toEqual({ relay: 'CLOSED', alarm: 'NONE' });
  });

  it('reconnects a tripped meter when its supply becomes protected, saying so (SUPPLY_PROTECTED), whatever its balance', async () => {
    const { meterId } = await testMeter(t, { tariffId: flat, balanceMinor: 100 });
    await consume(meterId, 4);
    await lookAtSupply(meterId);
    expect(await eventsOf(meterId)).toEqual(['NOTIFY_ALARM1', 'ALARM', 'TRIP']);
    await t.db.query(`UPDATE metering.meter SET supply_protected = true, protected_reason = 'dialysis at home' WHERE id = $1`, [meterId]);
    await lookAtSupply(meterId);
    await lookAtSupply(meterId);
    expect(await eventsOf(meterId)).toEqual(['NOTIFY_ALARM1', 'ALARM', 'TRIP', 'CLOSE']);
    expect(await reasonsOf(meterId)).toEqual(['BALANCE_ALARM1', 'BALANCE_ALARM2', 'BALANCE_FLOOR', 'SUPPLY_PROTECTED']);
    expect(await relayOf(meterId)).toEqual({ relay: 'CLOSED', alarm: 'ALARM2' });
  });

  it('does not trip in a friendly window; trips once at the first look after it', async () => {
    expect((await setPolicy({ friendlyNights: windowAroundNow() })).setMeteringPolicy.friendlyNights).toEqual(windowAroundNow());
    const { meterId } = await testMeter(t, { tariffId: flat, balanceMinor: 100 });
    await consume(meterId, 4);
    await lookAtSupply(meterId);
    expect(await eventsOf(meterId)).toEqual(['NOTIFY_ALARM1', 'ALARM']);
    await setPolicy({ noFriendlyNights: true });
    await lookAtSupply(meterId);
    expect(await eventsOf(meterId)).toEqual(['NOTIFY_ALARM1', 'ALARM', 'TRIP']);
  });

  it('refuses a policy whose thresholds are out of order, changing nothing', async () => {
    const res = await t.raw(`mutation { setMeteringPolicy(input: { alarm1Minor: 100, alarm2Minor: 200 }) { alarm1Minor } }`);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await t.data<{ meteringPolicy: { alarm1Minor: number } }>(`{ meteringPolicy { alarm1Minor } }`)).meteringPolicy.alarm1Minor).toBe(500);
  });
});
