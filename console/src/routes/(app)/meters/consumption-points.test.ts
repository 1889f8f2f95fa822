import { describe, expect, it } from 'vitest';
import { bucketStart, consumptionPoints, totalConsumed } from './consumption-points';

const at = (iso: string) => Date.parse(iso);

describe('consumption points for the chart', () => {
  it('starts days at midnight in China and hours on the hour', () => {
    expect(new Date(bucketStart(at('2026-11-21T15:59:00Z'), 'DAY')).toISOString()).toBe('2026-11-20T16:00:00.000Z');
    expect(new Date(bucketStart(at('2026-11-21T16:00:00Z'), 'DAY')).toISOString()).toBe('2026-11-21T16:00:00.000Z');
    expect(new Date(bucketStart(at('2026-11-21T08:42:10Z'), 'HOUR')).toISOString()).toBe('2026-11-21T08:00:00.000Z');
  });

  it('gives every hour a point, 0 where nothing was charged, the first clipped to the range', () => {
    const points = consumptionPoints(
      [
        { at: '2026-11-21T09:00:00Z', consumed: 1.5, amountMinor: 75 },
        { at: '2026-11-21T11:00:00Z', consumed: 0.25, amountMinor: 13 },
      ],
      'HOUR',
      at('2026-11-21T08:30:00Z'),
      at('2026-11-21T11:30:00Z'),
    );
    expect(points.map((p) => [new Date(p.t).toISOString().slice(11, 16), p.v])).toEqual([
      ['08:30', 0],
      ['09:00', 1.5],
      ['10:00', 0],
      ['11:00', 0.25],
    ]);
  });

  it('sums consumption to the milli-unit', () => {
    expect(totalConsumed([0.1, 0.2, 0.004].map((consumed) => ({ at: '', consumed, amountMinor: 0 })))).toBe(0.304);
  });
});
