import { z } from 'zod';
import type { EventSchema, TelemetrySchema } from '@hearth/broker';
import { defaultMetricBounds, FUEL_POINT_STATES, type FuelPointState, type MetricRange } from '@hearth/platform/domain';

/** A nozzle of the fuelling point: IFSF numbers them 1–8 (`fueling.nozzle.number`). */
const nozzle = z.number().int().min(1).max(8);
/** Millilitres and fen: whole numbers, never floats (DESIGN §7). */
const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
/** A card's number as printed (ISO/IEC 7812 PANs are 8–19 digits); never track data or a PIN. */
const cardNumber = z.string().regex(/^[0-9]{8,19}$/, 'a card number of 8–19 digits');
const instant = z.iso.datetime({ offset: true });
const ranged = (range: MetricRange) => z.number().int().min(range[0]).max(range[1]);

/**
 * A pump reports its fuelling point's IFSF state and, during a sale, the nozzle in use and the
 * running volume and amount (whole ml and fen within their `MetricBounds`); a sample of running
 * figures alone keeps the state last reported. Anything else is refused (MQTT_SCHEMA_VIOLATION) before it is stored.
 */
export const pumpTelemetry: TelemetrySchema = (ranges) =>
  z.strictObject({
    state: z.enum(FUEL_POINT_STATES).optional(),
    nozzle: nozzle.optional(),
    volumeMl: ranged(ranges.volumeMl ?? defaultMetricBounds.pump.volumeMl).optional(),
    amountMinor: ranged(ranges.amountMinor ?? defaultMetricBounds.pump.amountMinor).optional(),
  });

/**
 * A pump's events: `AUTH_REQUEST` (a card was read at a nozzle; the card host answers it) and
 * `TRANSACTION` (a sale ended; offline pumps upload these later, in any order). Anything else, or a
 * field missing, mistyped or unknown, is refused before it is stored.
 */
export const pumpEvents: EventSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('AUTH_REQUEST'),
    cardNumber,
    nozzle,
    presetMinor: count.min(1).optional(),
    plate: z.string().min(1).max(16).optional(),
  }),
  z.strictObject({
    type: z.literal('TRANSACTION'),
    counter: count,
    cardNumber: cardNumber.optional(),
    nozzle,
    grade: z.string().min(1).max(16),
    volumeMl: count,
    unitPriceMinor: count,
    amountMinor: count,
    totalizerStartMl: count,
    totalizerEndMl: count,
    startedAt: instant,
    endedAt: instant,
  }),
]);

export interface PumpTelemetry {
  state?: FuelPointState;
  nozzle?: number;
  volumeMl?: number;
  amountMinor?: number;
}

export interface AuthRequestEvent {
  type: 'AUTH_REQUEST';
  cardNumber: string;
  nozzle: number;
  presetMinor?: number;
  plate?: string;
}

export interface TransactionEvent {
  type: 'TRANSACTION';
  counter: number;
  cardNumber?: string;
  nozzle: number;
  grade: string;
  volumeMl: number;
  unitPriceMinor: number;
  amountMinor: number;
  totalizerStartMl: number;
  totalizerEndMl: number;
  startedAt: string;
  endedAt: string;
}

export type PumpEvent = AuthRequestEvent | TransactionEvent;
