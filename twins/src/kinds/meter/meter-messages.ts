import { z } from 'zod';
import type { TelemetrySchema } from '@hearth/broker';

export type MeterKind = 'ELECTRICITY' | 'GAS';
export type RelayState = 'CLOSED' | 'OPEN';

/** Registers are stored as integer milli-units (Wh, litres): a reading is a number of at most 3 decimals within a safe integer of them. */
const MAX_REGISTER = Math.floor(Number.MAX_SAFE_INTEGER / 1000);
const register = z
  .number()
  .min(0)
  .max(MAX_REGISTER)
  .refine((value) => Math.abs(value * 1000 - Math.round(value * 1000)) < 1e-6, 'at most 3 decimals (the register is kept in Wh or litres)');

/**
 * A prepaid meter reports its cumulative register (`registerKwh` for an electricity meter,
 * `registerM3` for a gas meter, never both), its relay, and what a local-prepay meter says is left
 * on it (fen, below zero while it runs on emergency credit). A sample may carry the relay alone (the
 * answer to READ_RELAY). Anything else is refused (MQTT_SCHEMA_VIOLATION) before it is stored; a
 * register of the other kind than the meter's is refused by the kind, which alone knows it.
 */
export const meterTelemetry: TelemetrySchema = () =>
  z
    .strictObject({
      registerKwh: register.optional(),
      registerM3: register.optional(),
      relay: z.enum(['OPEN', 'CLOSED']).optional(),
      remainingMoneyMinor: z.number().int().min(Number.MIN_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER).optional(),
    })
    .refine((t) => t.registerKwh === undefined || t.registerM3 === undefined, 'registerKwh and registerM3 together: a meter has one register');

export interface MeterTelemetry {
  registerKwh?: number;
  registerM3?: number;
  relay?: RelayState;
  remainingMoneyMinor?: number;
}

/** The register a meter of this kind reports; the other is refused. */
export const registerOf = (kind: MeterKind): 'registerKwh' | 'registerM3' => (kind === 'ELECTRICITY' ? 'registerKwh' : 'registerM3');

/** A register reading (kWh or m³, ≤ 3 decimals) as the integer milli-units it is stored in. */
export const toMilli = (units: number): number => Math.round(units * 1000);
