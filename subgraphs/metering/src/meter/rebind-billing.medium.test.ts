import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testCustomer } from '@hearth/testkit/test-customers';
import {
  at,
  balanceOf,
  chargesOf,
  payIn,
  startChargeTestService,
  storeReading,
  TARIFF_FROM,
  testMeter,
  testTariff,
  type ChargeTestService,
} from '../charge/charge-test-data';
import { BIND_METER } from '../metering-test-data';

/**
 * A meter rebound to another customer (a shop let to a new tenant): the new customer's billing
 * starts afresh, neither priced from the previous customer's consumption nor charged for the
 * interval since the previous customer's last reading.
 */
let t: ChargeTestService;

beforeAll(async () => {
  t = await startChargeTestService();
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe('rebinding a meter to another customer', () => {
  it('starts the new customer at the first tier, from their first reading as the baseline', async () => {
    // ¥0.5000 up to 10 kWh a month, ¥1.0000 above.
    const tiered = await testTariff(t, [
      {
        from: TARIFF_FROM,
        structure: {
          type: 'TIERED',
          billingPeriod: 'MONTH',
          tiers: [
            { uptoMilli: 10_000, unitPriceE4: 5_000 },
            { uptoMilli: null, unitPriceE4: 10_000 },
          ],
        },
      },
    ]);
    const { meterId, walletId } = await testMeter(t, { tariffId: tiered, balanceMinor: 100_000 });
    await storeReading(t, meterId, at(0), 0);
    await storeReading(t, meterId, at(15), 12_000); // 12 kWh: past the first tier
    await t.service.services.charges.readings.wake();
    expect(await balanceOf(t, walletId!)).toBe(100_000 - (500 + 200));

    const next = await testCustomer(t.db);
    await payIn(t, next.walletId, 10_000);
    await t.data(BIND_METER, { m: meterId, c: next.id, t: tiered });
    await storeReading(t, meterId, at(30), 13_000); // the old occupant's last kWh: the new one's baseline
    await storeReading(t, meterId, at(45), 14_000); // the new customer's first kWh, at the first tier
    await t.service.services.charges.readings.wake();

    expect((await chargesOf(t, meterId)).map((c) => [c.status, c.paidMinor])).toEqual([
      ['BASELINE', 0],
      ['CHARGED', 700],
      ['BASELINE', 0],
      ['CHARGED', 50],
    ]);
    expect(await balanceOf(t, next.walletId)).toBe(10_000 - 50);
    expect(await balanceOf(t, walletId!)).toBe(100_000 - 700);
  });
});
