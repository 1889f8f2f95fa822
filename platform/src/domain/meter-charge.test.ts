import { describe, expect, it } from 'vitest';
import { chargeInterval, roundCostE7ToMinor, type BillingState } from './meter-charge';
import type { TariffStructure, TariffVersion } from './meter-tariffs';

/** A wall time in Asia/Shanghai (UTC+8, no DST). */
const sh = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
const version = (effectiveFrom: string, structure: TariffStructure, holidays?: string[]): TariffVersion => ({
  effectiveFrom: sh(effectiveFrom),
  structure,
  ...(holidays ? { holidays } : {}),
});
const FLAT = [version('2020-01-01 00:00', { type: 'FLAT', unitPriceE4: 5283 })];
const TIERED_YEAR = [
  version('2020-01-01 00:00', {
    type: 'TIERED',
    billingPeriod: 'YEAR',
    tiers: [
      { uptoMilli: 2_880_000, unitPriceE4: 4883 },
      { uptoMilli: 4_800_000, unitPriceE4: 5383 },
      { uptoMilli: null, unitPriceE4: 7883 },
    ],
  }),
];
const TOU: TariffStructure = {
  type: 'TOU',
  prices: { PEAK: 8000, FLAT: 5000, VALLEY: 2000 },
  weekday: [
    { from: '00:00', period: 'VALLEY' },
    { from: '08:00', period: 'PEAK' },
    { from: '12:00', period: 'FLAT' },
    { from: '22:00', period: 'VALLEY' },
  ],
  weekend: [
    { from: '00:00', period: 'VALLEY' },
    { from: '08:00', period: 'FLAT' },
    { from: '22:00', period: 'VALLEY' },
  ],
  holiday: [{ from: '00:00', period: 'VALLEY' }],
};
const charge = (versions: TariffVersion[], from: string, to: string, consumedMilli: number, billing: BillingState | null = null) =>
  chargeInterval({ versions, from: sh(from), to: sh(to), consumedMilli, billing });
const brief = (r: ReturnType<typeof chargeInterval>) => r.pieces.map((p) => [p.consumedMilli, p.period ?? p.tier ?? null, p.unitPriceE4]);

describe('chargeInterval, flat', () => {
  it('charges milli-units × E4 price exactly and rounds half up to the fen', () => {
    const r = charge(FLAT, '2026-06-10 10:00', '2026-06-10 10:15', 1_234);
    expect(r.pieces[0]?.costE7).toBe(6_519_222n); // ¥0.6519222
    expect(r.amountMinor).toBe(65);
    expect(r.billing).toEqual({ periodStart: sh('2026-06-01 00:00'), consumedMilli: 1_234, costE7: 6_519_222n });
  });

  it('rounds the running total, not each reading, so three readings of 52.83 fen charge 53 + 53 + 52', () => {
    const a = charge(FLAT, '2026-06-10 10:00', '2026-06-10 10:15', 1_000);
    const b = charge(FLAT, '2026-06-10 10:15', '2026-06-10 10:30', 1_000, a.billing);
    const c = charge(FLAT, '2026-06-10 10:30', '2026-06-10 10:45', 1_000, b.billing);
    expect([a.amountMinor, b.amountMinor, c.amountMinor]).toEqual([53, 53, 52]);
    expect(roundCostE7ToMinor(3_000n * 5283n)).toBe(158);
  });

  it('rounds a half fen up', () => {
    expect(roundCostE7ToMinor(50_000n)).toBe(1);
    expect(roundCostE7ToMinor(49_999n)).toBe(0);
  });
});

describe('chargeInterval, tiered', () => {
  it('splits a reading across a tier boundary exactly, its pieces timed at a steady rate', () => {
    const billing = { periodStart: sh('2026-01-01 00:00'), consumedMilli: 2_879_000, costE7: 2_879_000n * 4883n };
    const r = charge(TIERED_YEAR, '2026-06-10 10:00', '2026-06-10 10:30', 3_000, billing);
    expect(brief(r)).toEqual([
      [1_000, 1, 4883],
      [2_000, 2, 5383],
    ]);
    expect(r.pieces.map((p) => p.to.toISOString())).toEqual([sh('2026-06-10 10:10').toISOString(), sh('2026-06-10 10:30').toISOString()]);
    expect(r.billing.consumedMilli).toBe(2_882_000);
    // Running total 2,879,000 × 4883 → 2,880,000 × 4883 + 2,000 × 5383, each rounded to the fen.
    expect(r.amountMinor).toBe(roundCostE7ToMinor(2_880_000n * 4883n + 2_000n * 5383n) - roundCostE7ToMinor(2_879_000n * 4883n));
  });

  it("starts the tiers again in a new billing period, splitting a reading across the year's turn in the company zone", () => {
    const billing = { periodStart: sh('2026-01-01 00:00'), consumedMilli: 5_000_000, costE7: 0n };
    const r = charge(TIERED_YEAR, '2026-12-31 23:00', '2027-01-01 01:00', 2_000, billing);
    expect(brief(r)).toEqual([
      [1_000, 3, 7883],
      [1_000, 1, 4883],
    ]);
    expect(r.billing).toEqual({ periodStart: sh('2027-01-01 00:00'), consumedMilli: 1_000, costE7: 1_000n * 4883n });
    expect(r.byPeriod.map((p) => [p.periodStart.toISOString(), p.consumedMilli])).toEqual([
      ['2025-12-31T16:00:00.000Z', 1_000],
      ['2026-12-31T16:00:00.000Z', 1_000],
    ]);
  });

  it("keeps counting the period's consumption across a version change, against the new version's tiers", () => {
    const tiers = (upto: number, low: number, high: number) => ({
      type: 'TIERED' as const,
      billingPeriod: 'YEAR' as const,
      tiers: [
        { uptoMilli: upto, unitPriceE4: low },
        { uptoMilli: null, unitPriceE4: high },
      ],
    });
    const versions = [version('2020-01-01 00:00', tiers(1_000, 1, 2)), version('2026-07-01 00:00', tiers(2_000, 3, 4))];
    const billing = { periodStart: sh('2026-01-01 00:00'), consumedMilli: 1_500, costE7: 0n };
    // Under the new version, 1,500 already used this year: 500 more in its tier 1, then tier 2.
    expect(brief(charge(versions, '2026-07-02 00:00', '2026-07-02 01:00', 800, billing))).toEqual([
      [500, 1, 3],
      [300, 2, 4],
    ]);
  });

  it('starts the billing period at local midnight of the 1st for a monthly tariff (16:00 UTC the day before)', () => {
    const monthly = [version('2020-01-01 00:00', { type: 'TIERED', billingPeriod: 'MONTH', tiers: [{ uptoMilli: null, unitPriceE4: 1 }] })];
    expect(charge(monthly, '2026-06-30 23:00', '2026-07-01 00:00', 10).billing.periodStart.toISOString()).toBe('2026-05-31T16:00:00.000Z');
    expect(charge(monthly, '2026-06-30 23:00', '2026-07-01 00:01', 10).billing.periodStart.toISOString()).toBe('2026-06-30T16:00:00.000Z');
  });
});

describe('chargeInterval, time of use', () => {
  it('apportions a reading across a slot boundary by time, to the milli-unit', () => {
    // 10 minutes of valley, 20 of peak: 333.3 and 666.7 → 333 and 667.
    const r = charge([version('2020-01-01 00:00', TOU)], '2026-06-10 07:50', '2026-06-10 08:20', 1_000);
    expect(brief(r)).toEqual([
      [333, 'VALLEY', 2000],
      [667, 'PEAK', 8000],
    ]);
    expect(r.pieces[0]?.to.toISOString()).toBe(sh('2026-06-10 08:00').toISOString());
  });

  it('keeps the night valley one piece across midnight', () => {
    const r = charge([version('2020-01-01 00:00', TOU)], '2026-06-10 22:00', '2026-06-11 06:00', 8_000);
    expect(brief(r)).toEqual([[8_000, 'VALLEY', 2000]]);
  });

  it('follows the weekend schedule on Saturday and the holiday schedule on a listed date', () => {
    // 2026-06-13 is a Saturday; 2026-06-19 (Friday) the Dragon Boat Festival.
    const versions = [version('2020-01-01 00:00', TOU, ['2026-06-19'])];
    expect(brief(charge(versions, '2026-06-13 09:00', '2026-06-13 10:00', 100))).toEqual([[100, 'FLAT', 5000]]);
    expect(brief(charge(versions, '2026-06-19 09:00', '2026-06-19 10:00', 100))).toEqual([[100, 'VALLEY', 2000]]);
    expect(brief(charge(versions, '2026-06-18 09:00', '2026-06-18 10:00', 100))).toEqual([[100, 'PEAK', 8000]]);
  });
});

describe('chargeInterval across a tariff change', () => {
  const versions = [version('2020-01-01 00:00', { type: 'FLAT', unitPriceE4: 5000 }), version('2026-07-01 00:00', { type: 'FLAT', unitPriceE4: 6000 })];

  it('charges the old price up to the effective instant and the new one from it', () => {
    expect(brief(charge(versions, '2026-06-30 23:45', '2026-07-01 00:00', 100))).toEqual([[100, null, 5000]]);
    expect(brief(charge(versions, '2026-07-01 00:00', '2026-07-01 00:15', 100))).toEqual([[100, null, 6000]]);
  });

  it('splits a reading that spans the change by time', () => {
    expect(brief(charge(versions, '2026-06-30 23:30', '2026-07-01 00:30', 100))).toEqual([
      [50, null, 5000],
      [50, null, 6000],
    ]);
  });

  it('takes the versions in any order', () => {
    expect(brief(charge([...versions].reverse(), '2026-07-01 00:00', '2026-07-01 00:15', 100))).toEqual([[100, null, 6000]]);
  });

  it('refuses an interval before the first version, and a version with a broken structure', () => {
    expect(() => charge(versions, '2019-12-31 23:00', '2020-01-01 01:00', 10)).toThrow(RangeError);
    const broken = [version('2020-01-01 00:00', { type: 'FLAT', unitPriceE4: -1 })];
    expect(() => charge(broken, '2026-01-01 00:00', '2026-01-01 01:00', 10)).toThrow(/unitPriceE4/);
  });
});

describe('chargeInterval, degenerate intervals', () => {
  it('charges consumption reported at the baseline instant itself at the price of that instant', () => {
    const r = charge(FLAT, '2026-06-10 10:00', '2026-06-10 10:00', 10);
    expect(brief(r)).toEqual([[10, null, 5283]]);
  });

  it('charges nothing and lists no piece for nothing consumed, but still moves to the new billing period', () => {
    const billing = { periodStart: sh('2026-05-01 00:00'), consumedMilli: 10, costE7: 10n };
    const r = charge(FLAT, '2026-05-31 23:00', '2026-06-01 01:00', 0, billing);
    expect(r).toMatchObject({ amountMinor: 0, pieces: [], billing: { periodStart: sh('2026-06-01 00:00'), consumedMilli: 0 } });
  });

  it('refuses to < from and a negative or fractional consumption', () => {
    expect(() => charge(FLAT, '2026-06-10 10:00', '2026-06-10 09:00', 1)).toThrow(RangeError);
    expect(() => charge(FLAT, '2026-06-10 10:00', '2026-06-10 11:00', -1)).toThrow(RangeError);
    expect(() => charge(FLAT, '2026-06-10 10:00', '2026-06-10 11:00', 1.5)).toThrow(RangeError);
  });
});
