import type { ConsumptionBucket, ConsumptionBucketSize } from '$lib/api/metering-types';

const HOUR = 3_600_000;
const DAY = 86_400_000;
/** The company's days start at midnight in China (UTC+8 all year), as the metering service buckets them. */
const COMPANY_OFFSET = 8 * HOUR;

/** The start of the hour or the company day an instant falls in. */
export function bucketStart(t: number, bucket: ConsumptionBucketSize): number {
  if (bucket === 'HOUR') return Math.floor(t / HOUR) * HOUR;
  return Math.floor((t + COMPANY_OFFSET) / DAY) * DAY - COMPANY_OFFSET;
}

/**
 * One point per hour or day from `from` to `to` for the chart: what was charged in it, 0 where no
 * reading was charged (the service returns only the buckets that have charges).
 */
export function consumptionPoints(buckets: readonly ConsumptionBucket[], bucket: ConsumptionBucketSize, from: number, to: number): { t: number; v: number }[] {
  const step = bucket === 'HOUR' ? HOUR : DAY;
  const charged = new Map(buckets.map((b) => [bucketStart(Date.parse(b.at), bucket), b.consumed]));
  const points: { t: number; v: number }[] = [];
  for (let t = bucketStart(from, bucket); t < to; t += step) if (t >= from - step) points.push({ t: Math.max(t, from), v: charged.get(t) ?? 0 });
  return points;
}

/** The total consumption of the buckets, to 3 decimals (kWh or m³). */
export const totalConsumed = (buckets: readonly ConsumptionBucket[]): number => Math.round(buckets.reduce((sum, b) => sum + b.consumed, 0) * 1000) / 1000;
