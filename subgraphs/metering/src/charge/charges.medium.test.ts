import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TENANT_ID } from '@hearth/platform';
import { tariffVersionsFor } from '../tariff/tariff-versions';
import { at, balanceOf, chargesOf, startChargeTestService, storeReading, TARIFF_FROM, testMeter, testTariff, type ChargeTestService } from './charge-test-data';
import { chargeReadings, DEFAULT_CHARGE_SETTINGS } from './charge-readings';
import { readingsAfter } from './meter-readings.store';

let t: ChargeTestService;
let flat: string;

const intake = () => t.service.services.charges.readings.wake();
const journalsOf = async (walletId: string) =>
  (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ledger.entry WHERE account_id = $1 AND amount_minor < 0`, [walletId]))[0]!.n;

beforeAll(async () => {
  t = await startChargeTestService();
  // ¥0.5000 a kWh.
  flat = await testTariff(t, [{ from: TARIFF_FROM, structure: { type: 'FLAT', unitPriceE4: 5_000 } }]);
});
afterAll(async () => {
  await t?.close();
});

describe('charging readings', () => {
  it('charges each reading once, however it is replayed, reordered or delivered twice', async () => {
    const { meterId, walletId } = await testMeter(t, { tariffId: flat, balanceMinor: 10_000 });
    await storeReading(t, meterId, at(0), 1_000_000);
    await storeReading(t, meterId, at(30), 1_003_000);
    await intake();
    // Older than the newest accepted reading: its consumption is in that one's charge.
    await storeReading(t, meterId, at(15), 1_001_000);
    await storeReading(t, meterId, at(30), 1_003_000);
    await intake();
    expect((await chargesOf(t, meterId)).map((c) => [c.status, c.paidMinor])).toEqual([
      ['BASELINE', 0],
      ['BEHIND', 0],
      ['CHARGED', 150],
    ]);
    // Replayed: the cursor back at the beginning, the sweep, and the same readings handed to a batch twice.
    await t.db.query(`UPDATE metering.reading_cursor SET received_at = '1970-01-01', updated_at = now()`);
    await intake();
    await t.service.services.charges.intake.sweep();
    const stored = (await readingsAfter(t.db, ['1970-01-01T00:00:00.000000Z', '0'], 10_000)).filter((r) => r.meterId === meterId);
    expect(stored).toEqual([]);
    const again = (
      await t.db.query<{ id: string; observedKey: string; receivedKey: string; receivedAt: Date; observedAt: Date; registerMilli: number }>(
        `SELECT id::text, to_char(observed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "observedKey", observed_at AS "observedAt",
              register_milli::float8 AS "registerMilli", received_at AS "receivedAt", '' AS "receivedKey" FROM twins.meter_reading WHERE meter_id = $1`,
        [meterId],
      )
    ).map((r) => ({ ...r, tenantId: DEMO_TENANT_ID, meterId, readingId: r.id, source: 'READING' as const }));
    const batch = await t.db.transaction((tx) => chargeReadings(tx, [...again, ...again], DEFAULT_CHARGE_SETTINGS, tariffVersionsFor));
    expect(batch.judged).toBe(0);
    expect(await balanceOf(t, walletId!)).toBe(10_000 - 150);
    expect(await journalsOf(walletId!)).toBe(1);
  });

  it('never charges a reset or a jump; charges again from the new baseline', async () => {
    const { meterId, walletId } = await testMeter(t, { tariffId: flat, balanceMinor: 10_000 });
    await storeReading(t, meterId, at(0), 5_000_000);
    await storeReading(t, meterId, at(15), 5_002_000);
    await storeReading(t, meterId, at(30), 12_000); // reset: the register went back
    await storeReading(t, meterId, at(45), 14_000);
    await storeReading(t, meterId, at(60), 900_014_000); // 900 MWh in 15 minutes
    await storeReading(t, meterId, at(75), 900_015_000);
    await intake();
    const charges = await chargesOf(t, meterId);
    expect(charges.map((c) => [c.status, c.paidMinor, c.review])).toEqual([
      ['BASELINE', 0, false],
      ['CHARGED', 100, false],
      ['RESET', 0, false],
      ['CHARGED', 100, false],
      ['JUMP', 0, true],
      ['CHARGED', 50, false],
    ]);
    expect(await balanceOf(t, walletId!)).toBe(10_000 - 250);
  });

  it('charges a tiered tariff so the charges sum to the tariff on the total, across a tier boundary', async () => {
    // ¥0.5283 up to 10 kWh a month, ¥0.8283 above.
    const tiered = await testTariff(t, [
      {
        from: TARIFF_FROM,
        structure: {
          type: 'TIERED',
          billingPeriod: 'MONTH',
          tiers: [
            { uptoMilli: 10_000, unitPriceE4: 5_283 },
            { uptoMilli: null, unitPriceE4: 8_283 },
          ],
        },
      },
    ]);
    const { meterId, walletId } = await testMeter(t, { tariffId: tiered, balanceMinor: 100_000 });
    const steps = [0, 3_333, 4_444, 1_777, 5_555, 2_221, 7];
    let register = 0;
    for (const [i, step] of steps.entries()) await storeReading(t, meterId, at(i * 15), (register += step));
    await intake();
    const total = register; // 17,337 Wh: 10,000 at the first tier, 7,337 at the second
    const exact = 10_000 * 5_283 + (total - 10_000) * 8_283; // 1e-7 yuan
    const expected = Math.floor((exact + 50_000) / 100_000);
    const charges = await chargesOf(t, meterId);
    expect(charges.reduce((s, c) => s + c.paidMinor, 0)).toBe(expected);
    expect(charges.filter((c) => c.status === 'CHARGED')).toHaveLength(steps.length - 1);
    expect(await balanceOf(t, walletId!)).toBe(100_000 - expected);
  });

  it('debits what the wallet can pay down to its credit limit and records the rest UNFUNDED', async () => {
    const { meterId, walletId } = await testMeter(t, { tariffId: flat, balanceMinor: 100, creditLimitMinor: 20 });
    await storeReading(t, meterId, at(0), 0);
    await storeReading(t, meterId, at(60), 5_000); // ¥2.50
    await storeReading(t, meterId, at(75), 6_000); // ¥0.50 more, nothing left to pay it
    await intake();
    expect((await chargesOf(t, meterId)).map((c) => [c.status, c.amountMinor, c.paidMinor])).toEqual([
      ['BASELINE', 0, 0],
      ['UNFUNDED', 250, 120],
      ['UNFUNDED', 50, 0],
    ]);
    expect(await balanceOf(t, walletId!)).toBe(-20);
  });

  it('records an unbound meter’s readings uncharged, and charges from its last reading once bound', async () => {
    const { meterId } = await testMeter(t);
    await storeReading(t, meterId, at(0), 1_000);
    await storeReading(t, meterId, at(15), 2_000);
    await intake();
    const bound = await testMeter(t, { tariffId: flat, balanceMinor: 1_000 });
    await t.db.query(`UPDATE metering.meter SET customer_id = $2, account_id = $3, tariff_id = $4 WHERE id = $1`, [
      meterId,
      bound.customerId,
      bound.walletId,
      flat,
    ]);
    await storeReading(t, meterId, at(30), 4_000);
    await intake();
    expect((await chargesOf(t, meterId)).map((c) => [c.status, c.paidMinor])).toEqual([
      ['BASELINE', 0],
      ['UNBOUND', 0],
      ['CHARGED', 100],
    ]);
    expect(await balanceOf(t, bound.walletId!)).toBe(900);
  });

  it('replaces a meter: the old device’s final register charged, the new one’s initial register the baseline; lists charges newest first', async () => {
    const { meterId, walletId } = await testMeter(t, { tariffId: flat, balanceMinor: 10_000 });
    const now = Date.now();
    await storeReading(t, meterId, new Date(now - 60 * 60_000), 50_000);
    await intake();
    const replaced = await t.data<{ replaceMeter: { id: string; serial: string } }>(
      `mutation($id: ID!) { replaceMeter(meterId: $id, newSerial: "990000000001", finalRegister: 52, initialRegister: 0.5) { id serial } }`,
      { id: meterId },
    );
    expect(replaced.replaceMeter).toEqual({ id: meterId, serial: '990000000001' });
    // A late reading of the old device; then the new device's.
    await storeReading(t, meterId, new Date(now - 30 * 60_000), 51_000);
    await storeReading(t, meterId, new Date(Date.now() + 1_000), 1_500);
    await intake();
    expect(await balanceOf(t, walletId!)).toBe(10_000 - 100 - 50);
    const page = await t.data<{ meterCharges: { edges: { node: { status: string; paidMinor: number; source: string; consumed: number } }[] } }>(
      `query($id: ID!) { meterCharges(meterId: $id, first: 2) { edges { node { status paidMinor source consumed } } } }`,
      { id: meterId },
    );
    expect(page.meterCharges.edges.map((e) => e.node)).toEqual([
      { status: 'CHARGED', paidMinor: 50, source: 'READING', consumed: 1 },
      { status: 'CHARGED', paidMinor: 100, source: 'REPLACEMENT', consumed: 2 },
    ]);
    const audit = await t.db.query(`SELECT 1 FROM audit.entry WHERE action = 'meter.replaced' AND target = $1`, [`meter:${meterId}`]);
    expect(audit).toHaveLength(1);
  });
});
