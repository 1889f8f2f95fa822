import { describe, expect, it } from 'vitest';
import { volumeAtLevel } from '@hearth/platform/domain';
import { bulletStrapping, levelAtVolume } from './bullet-strapping';

describe('bullet strapping table', () => {
  const points = bulletStrapping(2500, 10_200);

  it('holds π r² L when full and half of it at half height', () => {
    expect(points.at(-1)!.volumeLiters).toBe(Math.round((Math.PI * 1250 ** 2 * 10_200) / 1e6));
    expect(volumeAtLevel(points, 1250).volumeLiters).toBeCloseTo(points.at(-1)!.volumeLiters / 2, -1);
  });

  it('inverts: the level at a volume gives back that volume', () => {
    const full = points.at(-1)!.volumeLiters;
    const level = levelAtVolume(points, 0.85 * full);
    expect(volumeAtLevel(points, level).volumeLiters).toBeCloseTo(0.85 * full, 0);
    expect(level).toBeGreaterThan(1250);
  });
});
