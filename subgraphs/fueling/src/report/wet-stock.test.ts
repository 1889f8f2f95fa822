import { describe, expect, it } from 'vitest';
import { tankVariance } from './wet-stock';

describe('tankVariance', () => {
  it('allows 0.5 % of the litres sold plus 20 L', () => {
    const within = tankVariance(10_000, { openingLitres: 20_000, closingLitres: 9_930, deliveries: 0, deliveredLitres: 0 });
    expect(within).toEqual({ measuredOutflowLitres: 10_070, varianceLitres: 70, variancePercent: 0.7, allowedVarianceLitres: 70, exceeded: false });
    expect(tankVariance(10_000, { openingLitres: 20_000, closingLitres: 9_929, deliveries: 0, deliveredLitres: 0 }).exceeded).toBe(true);
  });

  it('counts a delivery into the outflow, and a gain as much as a loss', () => {
    const v = tankVariance(5_000, { openingLitres: 8_000, closingLitres: 12_100, deliveries: 1, deliveredLitres: 9_000 });
    expect(v).toMatchObject({ measuredOutflowLitres: 4_900, varianceLitres: -100, variancePercent: -2, exceeded: true });
  });

  it('knows nothing without readings: nulls, never zero', () => {
    expect(tankVariance(1_000, null)).toEqual({
      measuredOutflowLitres: null,
      varianceLitres: null,
      variancePercent: null,
      allowedVarianceLitres: 25,
      exceeded: null,
    });
  });
});
