import { describe, expect, it } from 'vitest';
import { apportionByWeight } from './meter-apportion';

describe('apportionByWeight', () => {
  it('splits in proportion when the quotas are whole', () => {
    expect(apportionByWeight(900, [1, 2])).toEqual([300, 600]);
  });

  it('gives the units left after the floors to the largest remainders, so the shares sum to the whole', () => {
    // Quotas 3.33…, 3.33…, 3.33… → one unit left over: the earliest of the tied remainders.
    expect(apportionByWeight(10, [1, 1, 1])).toEqual([4, 3, 3]);
    // Quotas 1.4, 2.8, 5.6 → floors 1, 2, 5; two left to .8 and .6.
    expect(apportionByWeight(10, [1, 2, 4]).reduce((a, b) => a + b)).toBe(10);
    expect(apportionByWeight(7, [15, 30, 60])).toEqual([1, 2, 4]);
  });

  it('stays exact where total × weight passes 2^53', () => {
    // 9e12 × 2,592,000,000 / 2,592,000,002 = 8,999,999,993,055.55…; the others 3,472.22… each.
    expect(apportionByWeight(9_000_000_000_000, [2_592_000_000, 1, 1])).toEqual([8_999_999_993_056, 3_472, 3_472]);
  });

  it('puts the whole on the first piece when no piece has weight', () => {
    expect(apportionByWeight(5, [0])).toEqual([5]);
  });
});
