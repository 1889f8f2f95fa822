import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { payIn, startChargeTestService, storeReading, TARIFF_FROM, testMeter, testTariff, type ChargeTestService } from '../charge/charge-test-data';

let t: ChargeTestService;
let flat: string;
let gasFlat: string;

/** The company's calendar day and month of an instant. */
const localDay = (ms: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(ms);
const base = Date.now() - 3_000;
const after = (seconds: number) => new Date(base + seconds * 1_000);

beforeAll(async () => {
  t = await startChargeTestService();
  flat = await testTariff(t, [{ from: TARIFF_FROM, structure: { type: 'FLAT', unitPriceE4: 5_000 } }]);
  gasFlat = await testTariff(t, [{ from: TARIFF_FROM, structure: { type: 'FLAT', unitPriceE4: 35_000 } }], 'GAS');
});
afterAll(async () => {
  await t?.close();
});

const STATEMENT = `query($id: ID!, $p: StatementPeriod!, $d: LocalDate!) { meterStatement(meterId: $id, period: $p, day: $d) {
  openingRegister closingRegister consumed readings chargedMinor paidMinor unfundedMinor openingBalanceMinor topUpsMinor chargesPostedMinor
  otherMovementsMinor closingBalanceMinor } }`;

describe('statements', () => {
  it('a meter’s day adds up: registers to consumption, charges to the wallet’s balances', async () => {
    const { meterId, walletId } = await testMeter(t, { tariffId: flat, balanceMinor: 10_000 });
    await storeReading(t, meterId, after(0), 100_000);
    await storeReading(t, meterId, after(1), 102_000); // ¥1.00
    await t.service.services.charges.readings.wake();
    await payIn(t, walletId!, 500);
    await storeReading(t, meterId, after(2), 105_000, 10_000 - 250 + 500 - 30); // ¥1.50; the meter thinks 30 fen less is left
    await t.service.services.charges.readings.wake();
    for (const period of ['DAY', 'MONTH'])
      expect((await t.data<{ meterStatement: unknown }>(STATEMENT, { id: meterId, p: period, d: localDay(base) })).meterStatement).toEqual({
        openingRegister: null,
        closingRegister: 105,
        consumed: 5,
        readings: 3,
        chargedMinor: 250,
        paidMinor: 250,
        unfundedMinor: 0,
        openingBalanceMinor: 0,
        topUpsMinor: 10_500,
        chargesPostedMinor: 250,
        otherMovementsMinor: 0,
        closingBalanceMinor: 10_250,
      });
    const chart = await t.data<{ meterConsumption: { consumed: number; amountMinor: number }[] }>(
      `query($id: ID!, $f: DateTime!, $to: DateTime!) { meterConsumption(meterId: $id, from: $f, to: $to, bucket: HOUR) { at consumed amountMinor } }`,
      { id: meterId, f: new Date(base - 86_400_000).toISOString(), to: new Date(base + 86_400_000).toISOString() },
    );
    expect(chart.meterConsumption.reduce((s, b) => s + b.consumed, 0)).toBe(5);
    expect(chart.meterConsumption.reduce((s, b) => s + b.amountMinor, 0)).toBe(250);
    const reconciled = await t.data<{ meterReconciliation: Record<string, unknown> }>(
      `query($id: ID!) { meterReconciliation(meterId: $id) { meterRemainingMinor ledgerBalanceMinor differenceMinor currentBalanceMinor } }`,
      { id: meterId },
    );
    expect(reconciled.meterReconciliation).toEqual({
      meterRemainingMinor: 10_220,
      ledgerBalanceMinor: 10_250,
      differenceMinor: -30,
      currentBalanceMinor: 10_250,
    });
  });

  it('a mall’s month lists each meter and totals them', async () => {
    const siteId = await t.site();
    const shop = await testMeter(t, { tariffId: flat, balanceMinor: 100, siteId });
    const kitchen = await testMeter(t, { tariffId: gasFlat, balanceMinor: 10_000, kind: 'GAS', siteId });
    await testMeter(t, { siteId }); // not yet bound: listed, nothing charged
    await storeReading(t, shop.meterId, after(0), 0);
    await storeReading(t, shop.meterId, after(1), 4_000); // ¥2.00, ¥1.00 of it paid
    await storeReading(t, kitchen.meterId, after(0), 10_000);
    await storeReading(t, kitchen.meterId, after(1), 12_500); // 2.5 m³ at ¥3.50: ¥8.75
    await t.service.services.charges.readings.wake();
    const { siteMeteringStatement: s } = await t.data<{
      siteMeteringStatement: { meters: { kind: string; consumed: number; chargedMinor: number; paidMinor: number; unfundedMinor: number }[] } & Record<
        string,
        number
      >;
    }>(
      `query($s: ID!, $d: LocalDate!) { siteMeteringStatement(siteId: $s, day: $d) {
         meters { kind consumed chargedMinor paidMinor unfundedMinor } electricityKwh gasM3 chargedMinor paidMinor unfundedMinor } }`,
      { s: siteId, d: localDay(base) },
    );
    expect(s.meters).toHaveLength(3);
    expect({ electricityKwh: s.electricityKwh, gasM3: s.gasM3, chargedMinor: s.chargedMinor, paidMinor: s.paidMinor, unfundedMinor: s.unfundedMinor }).toEqual({
      electricityKwh: 4,
      gasM3: 2.5,
      chargedMinor: 200 + 875,
      paidMinor: 100 + 875,
      unfundedMinor: 100,
    });
    expect(s.meters.reduce((sum, m) => sum + m.chargedMinor, 0)).toBe(s.chargedMinor);
  });

  it('answers nothing, and no error, for a meter or a site that is not the company’s', async () => {
    const stranger = '00000000-0000-4000-8000-00000000beef';
    const { meterStatement, meterConsumption, meterReconciliation, siteMeteringStatement } = await t.data<Record<string, unknown>>(
      `query($id: ID!, $d: LocalDate!, $f: DateTime!, $to: DateTime!) {
         meterStatement(meterId: $id, period: DAY, day: $d) { meterId }
         meterConsumption(meterId: $id, from: $f, to: $to, bucket: HOUR) { at }
         meterReconciliation(meterId: $id) { meterId }
         siteMeteringStatement(siteId: $id, day: $d) { siteId } }`,
      { id: stranger, d: localDay(base), f: after(-3_600).toISOString(), to: after(0).toISOString() },
    );
    expect({ meterStatement, meterConsumption, meterReconciliation, siteMeteringStatement }).toEqual({
      meterStatement: null,
      meterConsumption: [],
      meterReconciliation: null,
      siteMeteringStatement: null,
    });
  });
});
