import { z } from 'zod';
import { defaultMetricBounds, STORABLE_MAGNITUDE, type MetricBounds } from '@hearth/platform/domain';
import type { DeviceKind } from './topics';
import type { DeviceChannel } from './types';

/**
 * What one sample may carry once `ts`, `seq` and `boot` are taken out, per device kind and channel.
 * Values are flat scalars (the twins store them as columns and JSON, never as documents). Numbers
 * must be finite and within their metric's physical range (`MetricBounds`, configurable per site),
 * and any other number within `STORABLE_MAGNITUDE`: `1e999` parses to Infinity and `1e308` would
 * break the database's averages; both are refused here.
 */
const storable = z.number().min(-STORABLE_MAGNITUDE).max(STORABLE_MAGNITUDE);
const scalar = z.union([storable, z.string().max(1024), z.boolean()]);

function telemetrySchemas(bounds: MetricBounds): Record<DeviceKind, z.ZodType<Record<string, unknown>>> {
  const ranged = (kind: DeviceKind) =>
    Object.fromEntries(Object.entries(bounds[kind] ?? {}).map(([metric, [min, max]]) => [metric, z.number().min(min).max(max).optional()]));
  return {
    /**
     * Tanks are the first domain with twins: exactly these metrics, nothing else. `inletValveOpen` and
     * `highHighSetpointMm` (the gauge's own high-high trip) are reported state that desired state and
     * commands are compared with.
     */
    tank: z.strictObject({ ...ranged('tank'), inletValveOpen: z.boolean().optional() }),
    /** The other kinds: their well-known metrics are typed, further scalar metrics pass until their domain lands. */
    cylinder: z.object({ ...ranged('cylinder'), valveOpen: z.boolean().optional() }).catchall(scalar),
    pump: z.object({ ...ranged('pump'), nozzleUp: z.boolean().optional(), running: z.boolean().optional() }).catchall(scalar),
    meter: z.object({ ...ranged('meter'), valveOpen: z.boolean().optional() }).catchall(scalar),
  };
}

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

/** Built once per set of bounds (the defaults, or a site's configured ones). */
const built = new WeakMap<MetricBounds, Record<DeviceKind, z.ZodType<Record<string, unknown>>>>();

export function valuesSchema(kind: DeviceKind, channel: DeviceChannel, bounds: MetricBounds = defaultMetricBounds): z.ZodType<Record<string, unknown>> {
  switch (channel) {
    case 'telemetry': {
      let schemas = built.get(bounds);
      if (!schemas) built.set(bounds, (schemas = telemetrySchemas(bounds)));
      return schemas[kind];
    }
    case 'event':
      return event;
    case 'command/ack':
      return commandAck;
  }
}
