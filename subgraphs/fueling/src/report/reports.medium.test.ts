import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TENANT_ID } from '@hearth/platform';
import { calendarDayIn, startOfDayIn } from '@hearth/platform/domain';
import { CARD_TIME_ZONE } from '../card/card-usage';
import { loadMigrations, migrate } from '@hearth/platform/db';
import { testCustomer } from '@hearth/testkit/test-customers';
import { startFuelingTestService, type FuelingTestService } from '../fueling-test-service';
import { ISSUE, newCardNumber, payIn } from '../fueling-test-data';

let t: FuelingTestService;
const GRADES = ['92#', '95#', '0#'] as const;

beforeAll(async () => {
  t = await startFuelingTestService();
  // The tanks' gauge readings: the twins service's own tables, read as a contract (the test writes rows as the tank kind would).
  await migrate(t.db, 'twins', await loadMigrations(new URL('../../../../twins/src/migrations/', import.meta.url)));
}, 120_000);
afterAll(async () => {
  await t?.close();
});

/** A station with one pump: nozzle 1 sells 92#, 2 sells 95#, 3 sells 0#, each from a tank of its own. */
async function station() {
  const siteId = await t.site();
  const pumpId = `R-${randomUUID().slice(0, 8)}`;
  await t.data(`mutation($i: SaveFuelStationInput!) { saveFuelStation(input: $i) { id } }`, { i: { siteId, latitude: 23.13, longitude: 113.26 } });
  const tanks = await t.db.query<{ id: string }>(
    `INSERT INTO tanks.tank (tenant_id, site_id, name, product, capacity_liters, density_kg_per_l)
     SELECT $1, $2, 'T' || g, 'GASOLINE', 30000, 0.74 FROM generate_series(1, 3) g RETURNING id::text`,
    [DEMO_TENANT_ID, siteId],
  );
  await t.data(`mutation($i: RegisterPumpInput!) { registerPump(input: $i) { id } }`, {
    i: {
      id: pumpId,
      stationId: siteId,
      dispenser: '1',
      name: pumpId,
      nozzles: GRADES.map((gradeCode, i) => ({ number: i + 1, gradeCode, tankId: tanks[i]!.id })),
    },
  });
  return { siteId, pumpId, tankIds: tanks.map((r) => r.id) };
}

let counter = 1;
/** A sale ending at `endedAt` as the pump kind stores it, priced exactly (no anomaly unless asked). */
async function sell(
  pumpId: string,
  endedAt: string,
  s: { nozzle?: number; volumeMl: number; unitPriceMinor?: number; amountMinor?: number; cardNumber?: string },
) {
  const nozzle = s.nozzle ?? 1;
  const price = s.unitPriceMinor ?? 750;
  const amount = s.amountMinor ?? Math.round((s.volumeMl * price) / 1000);
  const ended = new Date(endedAt);
  const n = counter++;
  await t.db.query(
    `INSERT INTO twins.pump_transaction (id, time, tenant_id, pump_id, counter, card_number, nozzle, grade, volume_ml, unit_price_minor, amount_minor,
                                         totalizer_start_ml, totalizer_end_ml, started_at, ended_at, received_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::bigint, $12::bigint + $9::bigint, $13, $2, clock_timestamp())`,
    [
      randomUUID(),
      ended,
      DEMO_TENANT_ID,
      pumpId,
      n,
      s.cardNumber ?? null,
      nozzle,
      GRADES[nozzle - 1],
      s.volumeMl,
      price,
      amount,
      n * 10_000_000,
      new Date(ended.getTime() - 120_000),
    ],
  );
  return amount;
}
/** Settles what was stored: `wake` (not `run`) so a tick under way, which may have read before the last rows, is followed by a run of its own. */
const settle = () => t.service.services.sales.sales.wake();

/** A named card with `balance` fen in its wallet. */
async function card(balance = 1_000_000) {
  const holder = await testCustomer(t.db);
  await payIn(t, holder.walletId, balance);
  return (
    await t.data<{ issueFuelCard: { id: string; cardNumber: string } }>(ISSUE, { i: { cardNumber: newCardNumber(), kind: 'NAMED', customerId: holder.id } })
  ).issueFuelCard;
}

const REPORT = `query($p: FuelReportPeriod, $d: LocalDate!, $s: ID, $g: [FuelReportDimension!]) {
  fuelSalesReport(period: $p, day: $d, stationId: $s, groupBy: $g) {
    firstDay lastDay from to
    totals { salesCount volumeMl amountMinor cardAmountMinor cashAmountMinor }
    rows { gradeCode cardNumber cardId shift shiftStartsAt salesCount volumeMl amountMinor cardAmountMinor cashAmountMinor }
  } }`;
type Figures = { salesCount: number; volumeMl: number; amountMinor: number; cardAmountMinor: number; cashAmountMinor: number };
type Row = Figures & { gradeCode: string | null; cardNumber: string | null; cardId: string | null; shift: string | null; shiftStartsAt: string | null };
const report = async (v: { p?: string; d: string; s?: string; g?: string[] }) =>
  (await t.data<{ fuelSalesReport: { firstDay: string; lastDay: string; from: string; to: string; totals: Figures; rows: Row[] } }>(REPORT, v)).fuelSalesReport;
const figures = (salesCount: number, volumeMl: number, card: number, cash: number): Figures => ({
  salesCount,
  volumeMl,
  amountMinor: card + cash,
  cardAmountMinor: card,
  cashAmountMinor: cash,
});

describe('sales reports', () => {
  it('totals a day and its month by grade and by card, exact to the fen', async () => {
    const { siteId, pumpId } = await station();
    const [c1, c2] = [await card(), await card()];
    const a = await sell(pumpId, '2023-05-10T10:00:00+08:00', { volumeMl: 40_000, cardNumber: c1.cardNumber });
    const b = await sell(pumpId, '2023-05-10T11:00:00+08:00', { nozzle: 2, volumeMl: 33_333, unitPriceMinor: 803 });
    const c = await sell(pumpId, '2023-05-10T12:00:00+08:00', { volumeMl: 12_345, cardNumber: c1.cardNumber });
    const d = await sell(pumpId, '2023-05-11T09:00:00+08:00', { nozzle: 2, volumeMl: 20_000, unitPriceMinor: 803, cardNumber: c2.cardNumber });
    await sell(pumpId, '2023-04-30T23:00:00+08:00', { volumeMl: 1_000 }); // the month before
    await settle();
    expect([a, b, c, d]).toEqual([30_000, 26_766, 9_259, 16_060]);

    const day = await report({ d: '2023-05-10', s: siteId, g: ['GRADE'] });
    expect(day.totals).toEqual(figures(3, 85_678, 39_259, 26_766));
    expect(day.rows.map(({ gradeCode, ...r }) => [gradeCode, r.salesCount, r.volumeMl, r.amountMinor, r.cardAmountMinor, r.cashAmountMinor])).toEqual([
      ['92#', 2, 52_345, 39_259, 39_259, 0],
      ['95#', 1, 33_333, 26_766, 0, 26_766],
    ]);
    const byCard = await report({ d: '2023-05-10', s: siteId, g: ['CARD'] });
    expect(byCard.rows.map((r) => [r.cardNumber, r.cardId, r.amountMinor])).toEqual([
      [null, null, 26_766],
      [c1.cardNumber, c1.id, 39_259],
    ]);

    const month = await report({ p: 'MONTH', d: '2023-05-20', s: siteId, g: ['GRADE', 'CARD'] });
    expect(month).toMatchObject({ firstDay: '2023-05-01', lastDay: '2023-05-31', from: '2023-04-30T16:00:00.000Z', to: '2023-05-31T16:00:00.000Z' });
    expect(month.totals).toEqual(figures(4, 105_678, 55_319, 26_766));
    expect(month.rows.map((r) => [r.gradeCode, r.cardNumber, r.salesCount, r.amountMinor])).toEqual([
      ['92#', c1.cardNumber, 2, 39_259],
      ['95#', null, 1, 26_766],
      ['95#', c2.cardNumber, 1, 16_060],
    ]);
    // Ungrouped: the totals alone, the same.
    expect(await report({ p: 'MONTH', d: '2023-05-01', s: siteId })).toMatchObject({ totals: month.totals, rows: [] });
  });

  it('counts a sale ending at 23:59:59 Beijing time on that day, and one ending at 00:00:00 on the next', async () => {
    const { siteId, pumpId } = await station();
    const late = await sell(pumpId, '2023-06-01T23:59:59+08:00', { volumeMl: 10_000 });
    const early = await sell(pumpId, '2023-06-02T00:00:00+08:00', { volumeMl: 20_000 });
    await settle();
    expect((await report({ d: '2023-06-01', s: siteId })).totals).toEqual(figures(1, 10_000, 0, late));
    expect((await report({ d: '2023-06-02', s: siteId })).totals).toEqual(figures(1, 20_000, 0, early));
  });

  it('splits a day by shift: the end of last night, the day shift, tonight', async () => {
    const { siteId, pumpId } = await station();
    const at = ['2023-07-15T07:59:59', '2023-07-15T08:00:00', '2023-07-15T19:59:59', '2023-07-15T20:00:00', '2023-07-15T23:30:00', '2023-07-16T07:00:00'];
    for (const time of at) await sell(pumpId, `${time}+08:00`, { volumeMl: 1_000 });
    await settle();
    const day = await report({ d: '2023-07-15', s: siteId, g: ['SHIFT'] });
    expect(day.rows.map((r) => [r.shift, r.shiftStartsAt, r.salesCount])).toEqual([
      ['NIGHT', '2023-07-14T12:00:00.000Z', 1],
      ['DAY', '2023-07-15T00:00:00.000Z', 2],
      ['NIGHT', '2023-07-15T12:00:00.000Z', 2],
    ]);
    expect(day.totals.salesCount).toBe(5);
  });
  it('refuses a day that is not one, or one before 1900', async () => {
    const res = await t.raw(`query { fuelSalesReport(day: "2023-02-29") { totals { salesCount } } }`);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const ancient = await t.raw(`query { fuelSalesReport(day: "0099-06-01") { totals { salesCount } } }`);
    expect(ancient.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('anomalies of a day', () => {
  it('counts the flagged sales by rule and lists them, newest first', async () => {
    const { siteId, pumpId } = await station();
    const poor = await card(1_000);
    await sell(pumpId, '2023-08-20T09:00:00+08:00', { volumeMl: 10_000, amountMinor: 9_999 }); // PRICE_VOLUME_MISMATCH
    await sell(pumpId, '2023-08-20T10:00:00+08:00', { volumeMl: 300_000 }); // LARGE_AMOUNT: 2,250 yuan
    await sell(pumpId, '2023-08-20T11:00:00+08:00', { volumeMl: 4_000, cardNumber: poor.cardNumber }); // UNFUNDED
    await sell(pumpId, '2023-08-20T12:00:00+08:00', { volumeMl: 5_000 }); // clean
    await sell(pumpId, '2023-08-21T09:00:00+08:00', { volumeMl: 10_000, amountMinor: 1 }); // another day
    await settle();
    const q = `query($d: LocalDate!, $s: ID, $n: Int) { fuelAnomalies(day: $d, stationId: $s, first: $n) {
      flaggedSalesCount counts { code salesCount } sales { counter anomalies { code } } truncated } }`;
    const all = (await t.data<{ fuelAnomalies: Record<string, unknown> }>(q, { d: '2023-08-20', s: siteId })).fuelAnomalies;
    expect(all).toMatchObject({
      flaggedSalesCount: 3,
      counts: [
        { code: 'LARGE_AMOUNT', salesCount: 1 },
        { code: 'PRICE_VOLUME_MISMATCH', salesCount: 1 },
        { code: 'UNFUNDED', salesCount: 1 },
      ],
      truncated: false,
    });
    expect((all.sales as { anomalies: { code: string }[] }[]).map((s) => s.anomalies.map((a) => a.code))).toEqual([
      ['UNFUNDED'],
      ['LARGE_AMOUNT'],
      ['PRICE_VOLUME_MISMATCH'],
    ]);
    const firstTwo = (await t.data<{ fuelAnomalies: { sales: unknown[]; truncated: boolean } }>(q, { d: '2023-08-20', s: siteId, n: 2 })).fuelAnomalies;
    expect([firstTwo.sales.length, firstTwo.truncated]).toEqual([2, true]);
  });
});

describe('wet-stock reconciliation', () => {
  const gauge = (tankId: string, time: string, volumeLiters: number) =>
    t.db.query(`INSERT INTO twins.tank_sample (time, tenant_id, tank_id, volume_liters, received_at) VALUES ($1, $2, $3, $4, now())`, [
      new Date(time),
      DEMO_TENANT_ID,
      tankId,
      volumeLiters,
    ]);
  const WET_STOCK = `query($s: ID!, $d: LocalDate!) { wetStockReconciliation(stationId: $s, day: $d) {
    tanks { tankId gradeCodes salesCount soldLiters openingLiters closingLiters deliveries deliveredLiters measuredOutflowLiters
            varianceLiters variancePercent allowedVarianceLiters exceeded } unassignedSalesCount } }`;

  it('weighs each tank’s sales against its gauge, a delivery counted in, and flags what is beyond tolerance', async () => {
    const { siteId, pumpId, tankIds } = await station();
    const [t92, t95, t0] = tankIds as [string, string, string];
    // 92#: a delivery between 10:30 and 11:00 while it kept selling; a 10 L rise before it is the gauge's noise.
    await gauge(t92, '2023-09-04T23:50:00+08:00', 20_000);
    await gauge(t92, '2023-09-05T10:00:00+08:00', 19_000);
    await gauge(t92, '2023-09-05T10:30:00+08:00', 19_010);
    await gauge(t92, '2023-09-05T11:00:00+08:00', 27_000);
    await gauge(t92, '2023-09-05T23:55:00+08:00', 25_000);
    await gauge(t92, '2023-09-06T00:30:00+08:00', 24_000); // the next day
    await sell(pumpId, '2023-09-05T09:00:00+08:00', { volumeMl: 1_000_000 });
    await sell(pumpId, '2023-09-05T10:45:00+08:00', { volumeMl: 100_000 });
    await sell(pumpId, '2023-09-05T18:00:00+08:00', { volumeMl: 2_000_000 });
    // 95#: 600 L left the tank, 500 L were sold.
    await gauge(t95, '2023-09-04T23:30:00+08:00', 10_000);
    await gauge(t95, '2023-09-05T23:00:00+08:00', 9_400);
    await sell(pumpId, '2023-09-05T12:00:00+08:00', { nozzle: 2, volumeMl: 500_000 });
    // 0#: its last reading before the day is two hours old: no opening, nothing known.
    await gauge(t0, '2023-09-04T22:00:00+08:00', 5_000);
    await gauge(t0, '2023-09-05T23:00:00+08:00', 4_950);
    await sell(pumpId, '2023-09-05T12:00:00+08:00', { nozzle: 3, volumeMl: 50_000 });
    await settle();

    const { wetStockReconciliation: r } = await t.data<{ wetStockReconciliation: { tanks: Record<string, unknown>[]; unassignedSalesCount: number } }>(
      WET_STOCK,
      { s: siteId, d: '2023-09-05' },
    );
    const tank = (id: string) => r.tanks.find((x) => x.tankId === id);
    expect(tank(t92)).toEqual({
      tankId: t92,
      gradeCodes: ['92#'],
      salesCount: 3,
      soldLiters: 3_100,
      openingLiters: 20_000,
      closingLiters: 25_000,
      deliveries: 1,
      deliveredLiters: 8_090, // the 7,990 L rise and the 100 L sold while it rose
      measuredOutflowLiters: 3_090,
      varianceLiters: -10,
      variancePercent: expect.closeTo(-0.3226, 4) as number,
      allowedVarianceLiters: 35.5,
      exceeded: false,
    });
    expect(tank(t95)).toMatchObject({ soldLiters: 500, deliveries: 0, measuredOutflowLiters: 600, varianceLiters: 100, variancePercent: 20, exceeded: true });
    expect(tank(t0)).toMatchObject({
      soldLiters: 50,
      openingLiters: null,
      closingLiters: null,
      deliveredLiters: null,
      measuredOutflowLiters: null,
      varianceLiters: null,
      variancePercent: null,
      exceeded: null,
    });
    expect(r.unassignedSalesCount).toBe(0);
  });

  it('reconciles today so far: closed at its latest reading, not at a midnight still to come', async () => {
    const { siteId, pumpId, tankIds } = await station();
    const t92 = tankIds[0]!;
    const today = calendarDayIn(new Date(), CARD_TIME_ZONE);
    const [y, m, d] = today.split('-').map(Number) as [number, number, number];
    const dayStart = startOfDayIn(y, m, d, CARD_TIME_ZONE).getTime();
    const soldAt = new Date(Math.max(dayStart + 60_000, Date.now() - 30 * 60_000));
    await gauge(t92, new Date(dayStart - 10 * 60_000).toISOString(), 20_000);
    await gauge(t92, new Date(Date.now() - 60_000).toISOString(), 19_000);
    await sell(pumpId, soldAt.toISOString(), { volumeMl: 1_000_000 });
    await settle();
    const { wetStockReconciliation: r } = await t.data<{ wetStockReconciliation: { tanks: Record<string, unknown>[] } }>(WET_STOCK, { s: siteId, d: today });
    expect(r.tanks.find((x) => x.tankId === t92)).toMatchObject({
      soldLiters: 1_000,
      openingLiters: 20_000,
      closingLiters: 19_000,
      varianceLiters: 0,
      exceeded: false,
    });
  });

  it('gives no reconciliation for a station that is not yours', async () => {
    const { wetStockReconciliation } = await t.data<{ wetStockReconciliation: unknown }>(WET_STOCK, { s: randomUUID(), d: '2023-09-05' });
    expect(wetStockReconciliation).toBeNull();
  });
});
