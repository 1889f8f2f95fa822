import { z } from 'zod';
import { defaultMetricBounds, STORABLE_MAGNITUDE, type MetricBounds, type MetricRange } from '@hearth/platform/domain';
import { deviceKinds, type DeviceKind } from './topics';
import type { DeviceChannel } from './types';

/**
 * What one sample may carry once `ts`, `seq` and `boot` are taken out, per device kind and channel.
 * Values are flat scalars (the twins store them as columns and JSON, never as documents). Numbers
 * must be finite and within their metric's physical range (`MetricBounds`, configurable per site),
 * and any other number within `STORABLE_MAGNITUDE`: `1e999` parses to Infinity and `1e308` would
 * break the database's averages; both are refused here.
 */
const storable = z.number().min(-STORABLE_MAGNITUDE).max(STORABLE_MAGNITUDE);
/** A value a metric without a schema of its own may have: a storable number, a short string, a boolean. */
export const scalarMetric = z.union([storable, z.string().max(1024), z.boolean()]);

/** A kind's metrics with a physical range, each an optional number within it. */
export const rangedMetrics = (ranges: Readonly<Record<string, MetricRange>> = {}) =>
  Object.fromEntries(Object.entries(ranges).map(([metric, [min, max]]) => [metric, z.number().min(min).max(max).optional()]));

/**
 * What a telemetry sample of one kind may carry, built from that kind's metric ranges. Each twin
 * kind hands the broker its own (`CreateBrokerOptions.telemetry`): the broker knows no kind's metrics.
 */
export type TelemetrySchema = (ranges: Readonly<Record<string, MetricRange>>) => z.ZodType<Record<string, unknown>>;
export type TelemetrySchemas = Partial<Record<DeviceKind, TelemetrySchema>>;

/**
 * Until a kind registers its schema: its metrics with a physical range are typed, and further scalar
 * metrics pass (stored as sent) until its domain lands.
 */
const provisional: TelemetrySchema = (ranges) => z.object(rangedMetrics(ranges)).catchall(scalarMetric);

function telemetrySchemas(bounds: MetricBounds, schemas: TelemetrySchemas): Record<DeviceKind, z.ZodType<Record<string, unknown>>> {
  const of = (kind: DeviceKind) => (schemas[kind] ?? provisional)(bounds[kind] ?? {});
  return Object.fromEntries(deviceKinds.map((kind) => [kind, of(kind)])) as Record<DeviceKind, z.ZodType<Record<string, unknown>>>;
}

const name = z.string().regex(/^[A-Za-z][A-Za-z0-9_.:-]{0,63}$/, 'a name of letters, digits, _ . : - (max 64)');

/**
 * Events name what happened (`rfidScan`, `nozzleUp`, `transactionEnd`, `alarm`…); details are scalars.
 * A kind that models its events hands the broker their schema (`EventSchemas`): then only those pass.
 */
const event = z.object({ type: name }).catchall(scalarMetric);

/**
 * What one event of a kind may carry once `ts`, `seq` and `boot` are taken out (a scale's
 * `TAG_READ` and `FILL`): each twin kind that handles events hands its own to the broker
 * (`CreateBrokerOptions.events`); anything else is refused as MQTT_SCHEMA_VIOLATION before it is stored.
 */
export type EventSchema = z.ZodType<Record<string, unknown>>;
export type EventSchemas = Partial<Record<DeviceKind, EventSchema>>;

export const commandAckStatuses = ['accepted', 'rejected', 'done'] as const;
export type CommandAckStatus = (typeof commandAckStatuses)[number];

/**
 * A reply to a downlink command: `id` of the command, `status` accepted (will do), rejected
 * (will not; say why in `reason`) or done (carried out). Vendor extras pass as scalars.
 */
const commandAck = z
  .object({ id: z.string().min(1).max(128), status: z.enum(commandAckStatuses), reason: z.string().max(1024).optional() })
  .catchall(scalarMetric);

/** Built once per set of kinds' schemas and bounds (the defaults, or a site's configured ones). */
const built = new WeakMap<TelemetrySchemas, WeakMap<MetricBounds, Record<DeviceKind, z.ZodType<Record<string, unknown>>>>>();
const noSchemas: TelemetrySchemas = {};

export function valuesSchema(
  kind: DeviceKind,
  channel: DeviceChannel,
  bounds: MetricBounds = defaultMetricBounds,
  schemas: TelemetrySchemas = noSchemas,
  events: EventSchemas = {},
): z.ZodType<Record<string, unknown>> {
  switch (channel) {
    case 'telemetry': {
      let byBounds = built.get(schemas);
      if (!byBounds) built.set(schemas, (byBounds = new WeakMap()));
      let kinds = byBounds.get(bounds);
      if (!kinds) byBounds.set(bounds, (kinds = telemetrySchemas(bounds, schemas)));
      return kinds[kind];
    }
    case 'event':
      return events[kind] ?? event;
    case 'command/ack':
      return commandAck;
  }
}
