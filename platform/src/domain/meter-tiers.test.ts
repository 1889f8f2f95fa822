import { describe, expect, it } from 'vitest';
import { splitAcrossTiers } from './meter-tiers';

// Beijing's residential tiers, per year: 0–2,880 kWh, 2,880–4,800 kWh, above (in Wh).
const TIERS = [
  { uptoMilli: 2_880_000, unitPriceE4: 4883 },
  { uptoMilli: 4_800_000, unitPriceE4: 5383 },
  { uptoMilli: null, unitPriceE4: 7883 },
];

describe('splitAcrossTiers', () => {
  it('keeps an increment below the first boundary in tier 1', () => {
    expect(splitAcrossTiers(TIERS, 100_000, 5_000)).toEqual([{ tier: 1, consumedMilli: 5_000, unitPriceE4: 4883 }]);
  });

  it('splits an increment across a boundary exactly at it', () => {
    expect(splitAcrossTiers(TIERS, 2_879_000, 3_000)).toEqual([
      { tier: 1, consumedMilli: 1_000, unitPriceE4: 4883 },
      { tier: 2, consumedMilli: 2_000, unitPriceE4: 5383 },
    ]);
  });

  it('puts the milli-unit that reaches the boundary in the lower tier and the next in the upper', () => {
    expect(splitAcrossTiers(TIERS, 2_879_999, 1)).toEqual([{ tier: 1, consumedMilli: 1, unitPriceE4: 4883 }]);
    expect(splitAcrossTiers(TIERS, 2_880_000, 1)).toEqual([{ tier: 2, consumedMilli: 1, unitPriceE4: 5383 }]);
  });

  it('spans all three tiers with one increment', () => {
    expect(splitAcrossTiers(TIERS, 0, 5_000_000)).toEqual([
      { tier: 1, consumedMilli: 2_880_000, unitPriceE4: 4883 },
      { tier: 2, consumedMilli: 1_920_000, unitPriceE4: 5383 },
      { tier: 3, consumedMilli: 200_000, unitPriceE4: 7883 },
    ]);
  });

  it('returns nothing for nothing consumed', () => {
    expect(splitAcrossTiers(TIERS, 3_000_000, 0)).toEqual([]);
  });
});
