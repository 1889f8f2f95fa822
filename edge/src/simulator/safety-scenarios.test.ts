import { describe, expect, it } from 'vitest';
import { detectorReading, leakLelAt } from './safety-scenarios';

const schedule = { firstAfterMs: 60_000, everyMs: 3_600_000 };

describe('simulated leaks', () => {
  it('one per hour, each detector in turn, past both alarm levels and back', () => {
    expect(leakLelAt(0, 3, 59_000, schedule)).toBe(0);
    expect(leakLelAt(0, 3, 60_000 + 20_000, schedule)).toBeCloseTo(32.5);
    expect(leakLelAt(0, 3, 60_000 + 50_000, schedule)).toBe(65);
    expect(leakLelAt(1, 3, 60_000 + 50_000, schedule)).toBe(0);
    expect(leakLelAt(0, 3, 60_000 + 200_000, schedule)).toBe(0);
    expect(leakLelAt(1, 3, 60_000 + 3_600_000 + 50_000, schedule)).toBe(65);
    expect(leakLelAt(0, 3, 60_000 + 3 * 3_600_000 + 50_000, schedule)).toBe(65);
  });

  it('reads within the sensor’s range', () => {
    expect(detectorReading(0, 0.5)).toBe(1);
    expect(detectorReading(99.5, 1)).toBe(100);
    expect(detectorReading(0, -1)).toBe(0);
  });
});
