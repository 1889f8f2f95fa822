import { z } from 'zod';
import type { TelemetrySchema } from '@hearth/broker';
import { defaultMetricBounds, type MetricRange } from '@hearth/platform/domain';

const ranged = (range: MetricRange) => z.number().min(range[0]).max(range[1]);

/**
 * A connected cylinder (a smart base or tracker) reports the weight on it, `grossKg`, with every
 * reading, and its battery, `batteryPct` (the contract's name, as meters say it), when it likes;
 * both within their `MetricBounds` (configurable per site). Anything else is refused.
 */
export const cylinderTelemetry: TelemetrySchema = (ranges) =>
  z.strictObject({
    grossKg: ranged(ranges.grossKg ?? defaultMetricBounds.cylinder.grossKg),
    batteryPct: ranged(ranges.batteryPct ?? defaultMetricBounds.cylinder.batteryPct).optional(),
  });
