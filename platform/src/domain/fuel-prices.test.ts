import { describe, expect, it } from 'vitest';
import { priceAt, type PriceEntry } from './fuel-prices';

const t = (iso: string) => new Date(iso);
const entry = (unitPriceMinor: number, effectiveAt: string, stationId: string | null = null, gradeCode = '92'): PriceEntry => ({
  gradeCode,
  stationId,
  unitPriceMinor,
  effectiveAt: t(effectiveAt),
});

describe('priceAt', () => {
  // A national adjustment "from 24:00 on 2026-06-15" in Shanghai is 2026-06-15T16:00Z.
  const change = '2026-06-15T16:00:00.000Z';
  const prices = [entry(750, '2026-01-01T00:00:00Z'), entry(770, change)];

  it('takes a new price from its very instant, and the old one until the millisecond before', () => {
    expect(priceAt(prices, '92', 'st-1', t(change))).toBe(770);
    expect(priceAt(prices, '92', 'st-1', t('2026-06-15T15:59:59.999Z'))).toBe(750);
  });

  it('has no price before the first one takes effect, nor for a grade never priced', () => {
    expect(priceAt(prices, '92', 'st-1', t('2025-12-31T23:59:59Z'))).toBeNull();
    expect(priceAt(prices, '95', 'st-1', t(change))).toBeNull();
  });

  it("prefers a station's own price when it is newer than the company's", () => {
    const withLocal = [...prices, entry(740, '2026-06-20T00:00:00Z', 'st-1')];
    expect(priceAt(withLocal, '92', 'st-1', t('2026-06-21T00:00:00Z'))).toBe(740);
    expect(priceAt(withLocal, '92', 'st-2', t('2026-06-21T00:00:00Z'))).toBe(770);
  });

  it("prefers a station's own price that takes effect at the same instant as the company's", () => {
    const tie = [entry(740, change, 'st-1'), ...prices];
    expect(priceAt(tie, '92', 'st-1', t(change))).toBe(740);
  });

  it("lets a newer company-wide price replace an older price of the station's own", () => {
    const olderLocal = [entry(730, '2026-03-01T00:00:00Z', 'st-1'), ...prices];
    expect(priceAt(olderLocal, '92', 'st-1', t('2026-04-01T00:00:00Z'))).toBe(730);
    expect(priceAt(olderLocal, '92', 'st-1', t(change))).toBe(770);
  });

  it('takes the later-recorded of two entries alike in time and scope', () => {
    expect(priceAt([entry(770, change), entry(771, change)], '92', 'st-1', t(change))).toBe(771);
  });

  it('ignores prices announced for later, whatever their order in the list', () => {
    const future = [entry(800, '2026-07-01T00:00:00Z', 'st-1'), ...prices];
    expect(priceAt(future, '92', 'st-1', t('2026-06-30T23:59:59.999Z'))).toBe(770);
  });
});
