import { describe, expect, it } from 'vitest';
import { emergencyRecovery, resaleMarkupProblem } from './meter-credit';

describe('emergencyRecovery', () => {
  it('recovers the share of a top-up, rounded down', () => {
    expect(emergencyRecovery(10_000, 50_000, 25)).toBe(2_500);
    expect(emergencyRecovery(999, 50_000, 50)).toBe(499);
    expect(emergencyRecovery(1_000, 50_000, 12.5)).toBe(125);
  });

  it('never recovers more than is outstanding', () => {
    expect(emergencyRecovery(10_000, 300, 50)).toBe(300);
  });

  it('recovers nothing without a debt, a top-up or a share, and the whole top-up at 100 %', () => {
    expect(emergencyRecovery(10_000, 0, 50)).toBe(0);
    expect(emergencyRecovery(0, 500, 50)).toBe(0);
    expect(emergencyRecovery(10_000, 500, 0)).toBe(0);
    expect(emergencyRecovery(400, 500, 100)).toBe(400);
  });

  it('stays exact past 2^53 / 100', () => {
    expect(emergencyRecovery(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, 100)).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('refuses a share outside 0–100 or finer than a hundredth of a percent', () => {
    expect(() => emergencyRecovery(100, 100, 101)).toThrow(RangeError);
    expect(() => emergencyRecovery(100, 100, -1)).toThrow(RangeError);
    expect(() => emergencyRecovery(100, 100, 33.333)).toThrow(RangeError);
  });
});

describe('resaleMarkupProblem', () => {
  it('accepts up to the cap and refuses a ten-thousandth above it', () => {
    // ¥0.6000 official, 15 % cap: at most ¥0.6900.
    expect(resaleMarkupProblem(6900, 6000, 15)).toBeNull();
    expect(resaleMarkupProblem(6901, 6000, 15)).toMatch(/at most 6900/);
  });

  it('accepts any price where no cap is configured', () => {
    expect(resaleMarkupProblem(99_999, 6000, null)).toBeNull();
  });

  it('refuses a negative price', () => {
    expect(resaleMarkupProblem(-1, 6000, null)).not.toBeNull();
  });
});
