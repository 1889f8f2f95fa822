import { z } from 'zod';
import type { DeviceKind } from './topics';
import type { DeviceChannel } from './types';

/**
 * What one sample may carry once `ts` and `seq` are taken out, per device kind and channel.
 * Values are flat scalars (the twins store them as columns and JSON, never as documents).
 * Numbers must be finite: `1e999` parses to Infinity and is refused here.
 */
const scalar = z.union([z.number(), z.string().max(1024), z.boolean()]);
const celsius = z.number().min(-273.15);
const gaugeKPa = z.number().min(-101.325); // gauge pressure cannot be below vacuum
const nonNegative = z.number().min(0);
const percent = z.number().min(0).max(100);

/**
 * Tanks are the first domain with twins: exactly these metrics, nothing else. `inletValveOpen` and
 * `highHighSetpointMm` (the gauge's own high-high trip) are reported state that desired state and
 * commands are compared with.
 */
const tankTelemetry = z.strictObject({
  levelMm: nonNegative.optional(),
  temperatureC: celsius.optional(),
  pressureKPa: gaugeKPa.optional(),
  waterLevelMm: nonNegative.optional(),
  inletValveOpen: z.boolean().optional(),
  highHighSetpointMm: nonNegative.optional(),
});

/** The other kinds: their well-known metrics are typed, further scalar metrics pass until their domain lands. */
const cylinderTelemetry = z
  .object({
    grossKg: nonNegative.optional(),
    netKg: nonNegative.optional(),
    pressureKPa: gaugeKPa.optional(),
    temperatureC: celsius.optional(),
    latitude: z.number().min(-90).max(90).optional(),
    longitude: z.number().min(-180).max(180).optional(),
    valveOpen: z.boolean().optional(),
    leakPpm: nonNegative.optional(),
    batteryPct: percent.optional(),
  })
  .catchall(scalar);

const pumpTelemetry = z
  .object({
    nozzleUp: z.boolean().optional(),
    running: z.boolean().optional(),
    flowLpm: nonNegative.optional(),
    totalizerL: nonNegative.optional(),
    pressureKPa: gaugeKPa.optional(),
    temperatureC: celsius.optional(),
  })
  .catchall(scalar);

const meterTelemetry = z
  .object({
    totalizerM3: nonNegative.optional(),
    flowM3h: z.number().optional(),
    pressureKPa: gaugeKPa.optional(),
    temperatureC: celsius.optional(),
    valveOpen: z.boolean().optional(),
    batteryPct: percent.optional(),
  })
  .catchall(scalar);

const name = z.string().regex(/^[A-Za-z][A-Za-z0-9_.:-]{0,63}$/, 'a name of letters, digits, _ . : - (max 64)');

/** Events name what happened (`rfidScan`, `nozzleUp`, `transactionEnd`, `alarm`…); details are scalars. */
const event = z.object({ type: name }).catchall(scalar);

export const commandAckStatuses = ['accepted', 'rejected', 'done'] as const;
export type CommandAckStatus = (typeof commandAckStatuses)[number];

/**
 * A reply to a downlink command: `id` of the command, `status` accepted (will do), rejected
 * (will not; say why in `reason`) or done (carried out). Vendor extras pass as scalars.
 */
const commandAck = z.object({ id: z.string().min(1).max(128), status: z.enum(commandAckStatuses), reason: z.string().max(1024).optional() }).catchall(scalar);

const telemetry: Record<DeviceKind, z.ZodType<Record<string, unknown>>> = {
  tank: tankTelemetry,
  cylinder: cylinderTelemetry,
  pump: pumpTelemetry,
  meter: meterTelemetry,
};

export function valuesSchema(kind: DeviceKind, channel: DeviceChannel): z.ZodType<Record<string, unknown>> {
  switch (channel) {
    case 'telemetry':
      return telemetry[kind];
    case 'event':
      return event;
    case 'command/ack':
      return commandAck;
  }
}
