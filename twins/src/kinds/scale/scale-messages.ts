import { z } from 'zod';
import { rangedMetrics, type EventSchema, type TelemetrySchema } from '@hearth/broker';

/** A filling scale reports its live weight, `weightKg` (within `MetricBounds`); anything else is refused. */
export const scaleTelemetry: TelemetrySchema = (ranges) => z.strictObject(rangedMetrics(ranges));

/** A tag as the registry stores it (an RFID EPC or a QR code: `cylinders.cylinder.tag`). */
const tag = z.string().min(4).max(128);
/** A cylinder's weight on the scale, kg: 0 to far beyond any LPG cylinder (a 50 kg cylinder weighs ~90 kg full). */
const kg = z.number().min(0).max(1_000);

/**
 * A scale's events (ADR 0016): `TAG_READ` (its reader read a cylinder's tag) and `FILL` (it filled
 * one). Anything else, or a field missing, mistyped or unknown, is refused before it is stored.
 */
export const scaleEvents: EventSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('TAG_READ'), tag }),
  z.strictObject({
    type: z.literal('FILL'),
    tag,
    tareKg: kg,
    grossKg: kg,
    netKg: kg,
    operator: z.string().min(1).max(64).optional(),
  }),
]);

export type ScaleEvent = { type: 'TAG_READ'; tag: string } | { type: 'FILL'; tag: string; tareKg: number; grossKg: number; netKg: number; operator?: string };
