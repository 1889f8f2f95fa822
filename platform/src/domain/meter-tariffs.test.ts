import { describe, expect, it } from 'vitest';
import { tariffStructureProblem, tariffVersionAt, tariffVersionProblem, type TariffStructure } from './meter-tariffs';

const tiered = (tiers: { uptoMilli: number | null; unitPriceE4: number }[]): TariffStructure => ({ type: 'TIERED', billingPeriod: 'YEAR', tiers });
const tou = (weekday: { from: string; period: 'PEAK' | 'VALLEY' | 'SHARP' }[], prices = { PEAK: 8000, VALLEY: 2000 }): TariffStructure => ({
  type: 'TOU',
  prices,
  weekday,
});

describe('tariffStructureProblem', () => {
  it('accepts flat, tiered and TOU tariffs that can be charged with', () => {
    expect(tariffStructureProblem({ type: 'FLAT', unitPriceE4: 5283 })).toBeNull();
    expect(
      tariffStructureProblem(
        tiered([
          { uptoMilli: 100, unitPriceE4: 1 },
          { uptoMilli: null, unitPriceE4: 2 },
        ]),
      ),
    ).toBeNull();
    expect(
      tariffStructureProblem(
        tou([
          { from: '00:00', period: 'VALLEY' },
          { from: '08:00', period: 'PEAK' },
        ]),
      ),
    ).toBeNull();
  });

  it('refuses a negative or fractional price', () => {
    expect(tariffStructureProblem({ type: 'FLAT', unitPriceE4: -1 })).toMatch(/unitPriceE4/);
    expect(tariffStructureProblem({ type: 'FLAT', unitPriceE4: 0.5 })).toMatch(/unitPriceE4/);
  });

  it('refuses tiers that do not ascend, a bounded last tier and an unbounded middle one', () => {
    expect(tariffStructureProblem(tiered([]))).toMatch(/at least one/);
    expect(
      tariffStructureProblem(
        tiered([
          { uptoMilli: 100, unitPriceE4: 1 },
          { uptoMilli: 100, unitPriceE4: 2 },
          { uptoMilli: null, unitPriceE4: 3 },
        ]),
      ),
    ).toMatch(/ascend/);
    expect(tariffStructureProblem(tiered([{ uptoMilli: 100, unitPriceE4: 1 }]))).toMatch(/last tier must be unbounded/);
    expect(
      tariffStructureProblem(
        tiered([
          { uptoMilli: null, unitPriceE4: 1 },
          { uptoMilli: null, unitPriceE4: 2 },
        ]),
      ),
    ).toMatch(/only the last/);
  });

  it('refuses TOU slots not starting at 00:00, unsorted, not HH:MM, or using an unpriced period', () => {
    expect(tariffStructureProblem(tou([{ from: '01:00', period: 'VALLEY' }]))).toMatch(/00:00/);
    expect(
      tariffStructureProblem(
        tou([
          { from: '00:00', period: 'VALLEY' },
          { from: '12:00', period: 'PEAK' },
          { from: '08:00', period: 'VALLEY' },
        ]),
      ),
    ).toMatch(/sorted/);
    expect(
      tariffStructureProblem(
        tou([
          { from: '00:00', period: 'VALLEY' },
          { from: '8:00', period: 'PEAK' },
        ]),
      ),
    ).toMatch(/HH:MM/);
    expect(
      tariffStructureProblem(
        tou([
          { from: '00:00', period: 'VALLEY' },
          { from: '24:00', period: 'PEAK' },
        ]),
      ),
    ).toMatch(/HH:MM/);
    expect(tariffStructureProblem(tou([{ from: '00:00', period: 'SHARP' }]))).toMatch(/SHARP is used but has no price/);
  });

  it('checks the weekend and holiday schedules too', () => {
    const structure: TariffStructure = { type: 'TOU', prices: { VALLEY: 1 }, weekday: [{ from: '00:00', period: 'VALLEY' }], holiday: [] };
    expect(tariffStructureProblem(structure)).toMatch(/holiday/);
  });
});

describe('tariffVersionProblem', () => {
  it('refuses a holiday that is not a real date', () => {
    const base = { effectiveFrom: new Date('2026-01-01T00:00:00Z'), structure: { type: 'FLAT', unitPriceE4: 1 } as const };
    expect(tariffVersionProblem({ ...base, holidays: ['2026-10-01'] })).toBeNull();
    expect(tariffVersionProblem({ ...base, holidays: ['2026-02-30'] })).toMatch(/2026-02-30/);
    expect(tariffVersionProblem({ ...base, holidays: ['2026-1-1'] })).toMatch(/YYYY-MM-DD/);
  });
});

describe('tariffVersionAt', () => {
  const a = { effectiveFrom: new Date('2026-01-01T00:00:00Z'), structure: { type: 'FLAT', unitPriceE4: 1 } as const };
  const b = { effectiveFrom: new Date('2026-07-01T00:00:00Z'), structure: { type: 'FLAT', unitPriceE4: 2 } as const };

  it('is the newest version in effect, from its very instant, and none before the first', () => {
    expect(tariffVersionAt([a, b], new Date('2026-06-30T23:59:59.999Z'))).toBe(a);
    expect(tariffVersionAt([b, a], new Date('2026-07-01T00:00:00Z'))).toBe(b);
    expect(tariffVersionAt([a, b], new Date('2025-12-31T00:00:00Z'))).toBeNull();
  });
});
