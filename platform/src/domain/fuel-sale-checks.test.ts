import { describe, expect, it } from 'vitest';
import { DEFAULT_ANOMALY_RULES, distanceKm, expectedAmountMinor, saleAnomalies, type SaleCheckContext, type SaleFacts } from './fuel-sale-checks';

const END = new Date('2026-06-15T04:10:00Z');
const minutesBefore = (m: number, from = END) => new Date(from.getTime() - m * 60_000);

// 40 L of 92 at ¥7.50: ¥300.00, totaliser 1,000,000 → 1,040,000 ml, five minutes at the pump.
const sale = (over: Partial<SaleFacts> = {}): SaleFacts => ({
  pumpId: 'p-1',
  counter: 42,
  cardId: 'card-1',
  stationId: 'st-1',
  nozzle: 1,
  gradeCode: '92',
  volumeMl: 40_000,
  unitPriceMinor: 750,
  amountMinor: 30_000,
  totalizerStartMl: 1_000_000,
  totalizerEndMl: 1_040_000,
  startedAt: minutesBefore(5),
  endedAt: END,
  ...over,
});
const context = (over: Partial<SaleCheckContext> = {}): SaleCheckContext => ({
  previousOnNozzle: { counter: 41, totalizerEndMl: 1_000_000 },
  effectiveUnitPriceMinor: 750,
  recentOfCard: [],
  rules: DEFAULT_ANOMALY_RULES,
  ...over,
});
const codes = (s: SaleFacts, c: SaleCheckContext = context()) => saleAnomalies(s, c).map((a) => a.code);

describe('saleAnomalies', () => {
  it('finds nothing in a clean sale', () => {
    expect(saleAnomalies(sale(), context())).toEqual([]);
  });

  it('accepts a totaliser that resumes within the tolerance and flags one beyond, either way', () => {
    expect(codes(sale({ totalizerStartMl: 1_000_010, totalizerEndMl: 1_040_010 }))).toEqual([]);
    expect(saleAnomalies(sale({ totalizerStartMl: 1_000_011, totalizerEndMl: 1_040_011 }), context())).toEqual([
      { code: 'TOTALIZER_GAP', expectedStartMl: 1_000_000, gapMl: 11 },
    ]);
    expect(saleAnomalies(sale({ totalizerStartMl: 999_989, totalizerEndMl: 1_039_989 }), context())).toEqual([
      { code: 'TOTALIZER_GAP', expectedStartMl: 1_000_000, gapMl: -11 },
    ]);
  });

  it('does not compare against a "previous" sale that is not earlier, nor an unknown one', () => {
    const gap = sale({ totalizerStartMl: 2_000_000, totalizerEndMl: 2_040_000 });
    expect(codes(gap, context({ previousOnNozzle: { counter: 42, totalizerEndMl: 1_000_000 } }))).toEqual([]);
    expect(codes(gap, context({ previousOnNozzle: null }))).toEqual([]);
  });

  it('flags a totaliser difference that disagrees with the volume by more than the tolerance', () => {
    expect(codes(sale({ totalizerEndMl: 1_040_010 }))).toEqual([]);
    expect(saleAnomalies(sale({ totalizerEndMl: 1_039_989 }), context())).toEqual([{ code: 'TOTALIZER_MISMATCH', differenceMl: -11 }]);
  });

  it('allows a fen of rounding between amount and price × volume, and flags two', () => {
    expect(codes(sale({ amountMinor: 30_001 }))).toEqual([]);
    expect(codes(sale({ amountMinor: 29_999 }))).toEqual([]);
    expect(saleAnomalies(sale({ amountMinor: 30_002 }), context())).toEqual([
      { code: 'PRICE_VOLUME_MISMATCH', expectedAmountMinor: 30_000, differenceMinor: 2 },
    ]);
    expect(codes(sale({ amountMinor: 29_998 }))).toEqual(['PRICE_VOLUME_MISMATCH']);
  });

  it('flags a unit price other than the one in effect, and skips the check when that is unknown', () => {
    // ¥7.70 × 40 L = ¥308, so only the price is wrong.
    const dearer = sale({ unitPriceMinor: 770, amountMinor: 30_800 });
    expect(saleAnomalies(dearer, context())).toEqual([{ code: 'PRICE_NOT_IN_EFFECT', effectiveUnitPriceMinor: 750 }]);
    expect(codes(dearer, context({ effectiveUnitPriceMinor: null }))).toEqual([]);
  });

  it('flags an amount at the large-amount threshold, not a fen below', () => {
    // 250 L at ¥8.00 is ¥2,000.00; 249.999 L is 199,999.2 fen, so 199,999.
    const large = (volumeMl: number, amountMinor: number) =>
      sale({ volumeMl, amountMinor, unitPriceMinor: 800, totalizerEndMl: 1_000_000 + volumeMl, endedAt: END, startedAt: minutesBefore(30) });
    const at800 = context({ effectiveUnitPriceMinor: 800 });
    expect(codes(large(249_999, 199_999), at800)).toEqual([]);
    expect(saleAnomalies(large(250_000, 200_000), at800)).toEqual([{ code: 'LARGE_AMOUNT', thresholdMinor: 200_000 }]);
  });

  it('flags the sixth sale of a card within the hour, counting one that ended exactly an hour before', () => {
    const others = (n: number) => Array.from({ length: n }, (_, i) => ({ stationId: 'st-1', endedAt: minutesBefore(60 - i), distanceKm: 0 }));
    expect(codes(sale(), context({ recentOfCard: others(4) }))).toEqual([]);
    expect(saleAnomalies(sale(), context({ recentOfCard: others(5) }))).toEqual([{ code: 'FREQUENT_SWIPES', count: 6, windowMinutes: 60 }]);
    const outside = [...others(4), { stationId: 'st-1', endedAt: new Date(minutesBefore(60).getTime() - 1), distanceKm: 0 }];
    expect(codes(sale(), context({ recentOfCard: outside }))).toEqual([]);
  });

  it('does not count swipes for a sale without a card', () => {
    const others = Array.from({ length: 10 }, () => ({ stationId: 'st-9', endedAt: minutesBefore(6), distanceKm: 500 }));
    expect(codes(sale({ cardId: null }), context({ recentOfCard: others }))).toEqual([]);
  });

  it('flags travel faster than 120 km/h between two stations, not exactly 120', () => {
    // The other sale ended 60 minutes before this one started.
    const other = (km: number) => [{ stationId: 'st-2', endedAt: minutesBefore(60, sale().startedAt), distanceKm: km }];
    expect(codes(sale(), context({ recentOfCard: other(120) }))).toEqual([]);
    expect(saleAnomalies(sale(), context({ recentOfCard: other(120.5) }))).toEqual([
      { code: 'IMPOSSIBLE_TRAVEL', otherStationId: 'st-2', distanceKm: 120.5, minutes: 60 },
    ]);
  });

  it('flags a card at another station during this sale, and reports the fastest trip only', () => {
    const recent = [
      { stationId: 'st-2', endedAt: minutesBefore(2), distanceKm: 3 },
      { stationId: 'st-3', endedAt: minutesBefore(30, sale().startedAt), distanceKm: 200 },
      { stationId: 'st-4', endedAt: minutesBefore(30, sale().startedAt), distanceKm: null },
    ];
    expect(saleAnomalies(sale(), context({ recentOfCard: recent }))).toEqual([
      { code: 'IMPOSSIBLE_TRAVEL', otherStationId: 'st-2', distanceKm: 3, minutes: 0 },
    ]);
  });

  it('measures a later sale of the card from the end of this one', () => {
    const later = [{ stationId: 'st-2', endedAt: new Date(END.getTime() + 30 * 60_000), distanceKm: 60 }];
    expect(codes(sale(), context({ recentOfCard: later }))).toEqual([]);
    expect(codes(sale(), context({ recentOfCard: [{ ...later[0]!, distanceKm: 61 }] }))).toEqual(['IMPOSSIBLE_TRAVEL']);
  });
});

describe('expectedAmountMinor', () => {
  it('rounds half a fen up and less than half down, in integers', () => {
    expect(expectedAmountMinor(1_000, 750)).toBe(750);
    expect(expectedAmountMinor(2, 750)).toBe(2); // 1.5 fen
    expect(expectedAmountMinor(1, 750)).toBe(1); // 0.75 fen
    expect(expectedAmountMinor(1_001, 499)).toBe(499); // 499.499 fen
    expect(expectedAmountMinor(0, 750)).toBe(0);
  });

  it('stays exact where a float product would not be', () => {
    // 9e13 ml × 999 fen/L passes 2^53: as one float product this is 1 fen short (…496).
    expect(expectedAmountMinor(90_000_000_000_497, 999)).toBe(89_910_000_000_497);
  });
});

describe('distanceKm', () => {
  it('is about 1,068 km from Beijing to Shanghai (Tiananmen to the Bund), and 0 to itself', () => {
    const beijing = { lat: 39.9087, lon: 116.3975 };
    const shanghai = { lat: 31.24, lon: 121.49 };
    expect(distanceKm(beijing, shanghai)).toBeGreaterThan(1_060);
    expect(distanceKm(beijing, shanghai)).toBeLessThan(1_075);
    expect(distanceKm(beijing, beijing)).toBe(0);
  });
});
