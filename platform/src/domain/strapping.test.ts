import { describe, expect, it } from 'vitest';
import { strappingTableProblem, volumeAtLevel, volumeAtReference } from './strapping';

const table = [
  { levelMm: 0, volumeLiters: 0 },
  { levelMm: 100, volumeLiters: 500 },
  { levelMm: 1000, volumeLiters: 20_000 },
  { levelMm: 2000, volumeLiters: 45_000 },
];

describe('strapping table interpolation', () => {
  it('returns exact volumes at calibration points', () => {
    for (const p of table) expect(volumeAtLevel(table, p.levelMm)).toEqual({ volumeLiters: p.volumeLiters, outOfRange: null });
  });

  it('interpolates linearly between points', () => {
    expect(volumeAtLevel(table, 50).volumeLiters).toBeCloseTo(250);
    expect(volumeAtLevel(table, 550).volumeLiters).toBeCloseTo(10_250);
    expect(volumeAtLevel(table, 1500).volumeLiters).toBeCloseTo(32_500);
  });

  it('clamps and flags levels outside the table instead of extrapolating', () => {
    expect(volumeAtLevel(table, -5)).toEqual({ volumeLiters: 0, outOfRange: 'below' });
    expect(volumeAtLevel(table, 2500)).toEqual({ volumeLiters: 45_000, outOfRange: 'above' });
  });

  it('finds the right segment in a long table', () => {
    const long = Array.from({ length: 1001 }, (_, i) => ({ levelMm: i * 3, volumeLiters: i * i }));
    expect(volumeAtLevel(long, 1500 + 1.5).volumeLiters).toBeCloseTo((500 * 500 + 501 * 501) / 2);
  });

  it('accepts only tables that start at 0 and rise', () => {
    expect(strappingTableProblem(table)).toBeNull();
    expect(strappingTableProblem([table[0]!])).toMatch(/two points/);
    expect(strappingTableProblem(table.slice(1))).toMatch(/start at level 0/);
    expect(strappingTableProblem([table[0]!, table[2]!, table[1]!])).toMatch(/rise strictly/);
    expect(strappingTableProblem([table[0]!, { levelMm: 100, volumeLiters: 500 }, { levelMm: 200, volumeLiters: 400 }])).toMatch(/must not fall/);
    expect(strappingTableProblem([table[0]!, { levelMm: Number.NaN, volumeLiters: 1 }])).toMatch(/finite/);
  });

  it('corrects volume to the reference temperature', () => {
    expect(volumeAtReference(1000, 15, 15, 0.003)).toBe(1000);
    expect(volumeAtReference(1030, 25, 15, 0.003)).toBeCloseTo(1000);
  });
});
