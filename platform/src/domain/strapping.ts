/**
 * Tank strapping (calibration) tables: level → volume. A table comes from the tank's
 * calibration certificate (manual strapping or optical reference line, API MPMS ch. 2.2);
 * between two calibration points the volume is interpolated linearly.
 */
export interface StrappingPoint {
  levelMm: number;
  volumeLiters: number;
}

/** Why a table cannot be used, or null when it can. */
export function strappingTableProblem(points: readonly StrappingPoint[]): string | null {
  if (points.length < 2) return 'needs at least two points';
  for (const [i, p] of points.entries()) {
    if (!Number.isFinite(p.levelMm) || !Number.isFinite(p.volumeLiters)) return `point ${i} is not a finite number`;
    if (p.levelMm < 0 || p.volumeLiters < 0) return `point ${i} is negative`;
  }
  if (points[0]!.levelMm !== 0) return 'must start at level 0 mm';
  for (let i = 1; i < points.length; i++) {
    if (points[i]!.levelMm <= points[i - 1]!.levelMm) return `level must rise strictly (point ${i})`;
    if (points[i]!.volumeLiters < points[i - 1]!.volumeLiters) return `volume must not fall (point ${i})`;
  }
  return null;
}

export interface Interpolated {
  volumeLiters: number;
  /** The level lay outside the table; the volume is clamped to its nearest end. */
  outOfRange: 'below' | 'above' | null;
}

/**
 * Volume at a level by linear interpolation between calibration points (binary search:
 * real tables have hundreds of points). Levels outside the table are clamped, never
 * extrapolated, and flagged so the twin can raise a gauge fault.
 */
export function volumeAtLevel(points: readonly StrappingPoint[], levelMm: number): Interpolated {
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last) throw new Error('empty strapping table');
  if (levelMm < first.levelMm) return { volumeLiters: first.volumeLiters, outOfRange: 'below' };
  if (levelMm > last.levelMm) return { volumeLiters: last.volumeLiters, outOfRange: 'above' };
  let lo = 0;
  let hi = points.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (points[mid]!.levelMm <= levelMm) lo = mid;
    else hi = mid;
  }
  const a = points[lo]!;
  const b = points[hi]!;
  if (b.levelMm === a.levelMm) return { volumeLiters: a.volumeLiters, outOfRange: null };
  const t = (levelMm - a.levelMm) / (b.levelMm - a.levelMm);
  return { volumeLiters: a.volumeLiters + t * (b.volumeLiters - a.volumeLiters), outOfRange: null };
}

/**
 * Volume correction to the reference temperature. LPG expands about 0.25–0.3 %/K; the
 * per-tank coefficient is configurable because the exact tables (API MPMS 11.2.4 / GPA
 * TP-27) depend on the product's density. Returns the volume at the reference temperature.
 */
export function volumeAtReference(observedLiters: number, temperatureC: number, referenceC: number, expansionPerK: number): number {
  return observedLiters / (1 + expansionPerK * (temperatureC - referenceC));
}
