import type { StrappingPoint } from '@hearth/platform/domain';

/**
 * The strapping table of a horizontal cylindrical tank (an LPG "bullet") with flat ends:
 * the liquid cross-section is a circular segment, so volume rises slowly near the bottom
 * and top and fastest at half height. Real certificates add the heads; this is close.
 */
export function bulletStrapping(diameterMm: number, lengthMm: number, stepMm = 50): StrappingPoint[] {
  const r = diameterMm / 2;
  const points: StrappingPoint[] = [];
  for (let h = 0; h <= diameterMm; h += stepMm) {
    const segment = r * r * Math.acos((r - h) / r) - (r - h) * Math.sqrt(2 * r * h - h * h);
    points.push({ levelMm: h, volumeLiters: Math.round((segment * lengthMm) / 1e6) });
  }
  if (points.at(-1)!.levelMm !== diameterMm) points.push({ levelMm: diameterMm, volumeLiters: Math.round((Math.PI * r * r * lengthMm) / 1e6) });
  return points;
}

/** The level at which a table holds a volume (inverse interpolation; tables rise monotonically). */
export function levelAtVolume(points: readonly StrappingPoint[], volumeLiters: number): number {
  const i = points.findIndex((p) => p.volumeLiters >= volumeLiters);
  if (i <= 0) return i === 0 ? points[0]!.levelMm : points.at(-1)!.levelMm;
  const a = points[i - 1]!;
  const b = points[i]!;
  return a.levelMm + ((volumeLiters - a.volumeLiters) / (b.volumeLiters - a.volumeLiters)) * (b.levelMm - a.levelMm);
}
