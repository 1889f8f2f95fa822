import { z } from 'zod';
import type { TelemetrySchema } from '@hearth/broker';

/** Fault bits (`MetricBounds`: a 16-bit status word, 0 for none) are whole numbers. */
export const faultBits = (ranges: Readonly<Record<string, readonly [number, number]>>) => {
  const [min, max] = ranges.fault ?? [0, 0xffff];
  return z.number().int().min(min).max(max).optional();
};

/** A shut-off valve reports its position (`open`: true = open) and, when set, its fault bits; anything else is refused. */
export const valveTelemetry: TelemetrySchema = (ranges) => z.strictObject({ open: z.boolean().optional(), fault: faultBits(ranges) });
