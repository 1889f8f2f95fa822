import { describe, expect, it } from 'vitest';
import { tankVariance } from './wet-stock';

describe('tankVariance', () => {
  it('allows 0.5 % of the litres sold plus 20 L', () => {
    const within = tankVariance(10_000, { openingLiters: 20_000, closingLiters: 9_930, deliveries: 0, deliveredLiters: 0 });
    expect(within).toEqual({ measuredOutflowLiters: 10_070, varianceLiters: 70, variancePercent: 0.7, allowedVarianceLiters: 70, exceeded: false });
    expect(tankVariance(10_000, { openingLiters: 20_000, closingLiters: 9_929, deliveries: 0, deliveredLiters: 0 }).exceeded).toBe(true);
  });

  it('counts a delivery into the outflow, and a gain as much as a loss', () => {
    const v = tankVariance(5_000, { openingLiters: 8_000, closingLiters: 12_100, deliveries: 1, deliveredLiters: 9_000 });
    expect(v).toMatchObject({ measuredOutflowLiters: 4_900, varianceLiters: -100, variancePercent: -2, exceeded: true });
  });

  it('knows nothing without readings: nulls, never zero', () => {
    expect(tankVariance(1_000, null)).toEqual({
      measuredOutflowLiters: null,
      varianceLiters: null,
      variancePercent: null,
      allowedVarianceLiters: 25,
      exceeded: null,
    });
  });
});
