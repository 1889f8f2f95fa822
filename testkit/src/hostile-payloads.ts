import { defaultPayloadLimits, type DeviceKind } from '@hearth/broker';
import type { MqttRejectionReason } from '@hearth/platform';
import { defaultMetricBounds, STORABLE_MAGNITUDE } from '@hearth/platform/domain';

export interface HostilePayload {
  name: string;
  payload: string | Buffer;
  /** How the broker must count it: every one is acknowledged (retransmitting the same bytes cannot fix it) and counted. */
  reason: MqttRejectionReason;
}

/**
 * Telemetry no device should send, for one device kind: broken encodings and shapes, counters and
 * times that are not counters and times, sizes past the limits, and every typed metric of the kind
 * just outside its physical range and at `1e308` (the value that once stopped the continuous
 * aggregate for every tenant). A kind added to the metric ranges is covered without editing tests.
 */
export function hostilePayloads(kind: DeviceKind): HostilePayload[] {
  const metrics = Object.entries((defaultMetricBounds as Record<string, Record<string, readonly [number, number]>>)[kind] ?? {});
  // A kind without ranged metrics (a valve: `open`, `fault`) is probed with samples of no metric at all, which its schema allows.
  const [metric, [min, max]] = metrics[0] ?? ['levelMm', [0, 1]];
  const valid: Record<string, unknown> = metrics.length > 0 ? { [metric]: min } : {};
  const sample = (extra: Record<string, unknown>) => JSON.stringify({ ...valid, ...extra });
  const schema = (name: string, payload: string): HostilePayload => ({ name, payload, reason: 'MQTT_SCHEMA_VIOLATION' });
  return [
    { name: 'invalid UTF-8', payload: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), reason: 'MQTT_BAD_JSON' },
    { name: 'not JSON', payload: '{levelMm: 1', reason: 'MQTT_BAD_JSON' },
    { name: 'a bare number', payload: '42', reason: 'MQTT_BAD_JSON' },
    { name: 'JSON null', payload: 'null', reason: 'MQTT_BAD_JSON' },
    schema('an empty batch', '[]'),
    schema('a nested object', sample({ [metric]: { value: 1 } })),
    schema('null as a value', sample({ [metric]: null })),
    schema('a __proto__ field', `{"__proto__":{"polluted":1},"${metric}":${min}}`),
    schema('a 200-character field name', sample({ ['f'.repeat(200)]: 1 })),
    schema('65 fields', JSON.stringify(Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`f${i}`, i])))),
    schema('a negative seq', sample({ seq: -1 })),
    schema('a seq past 2^53', `{"seq":9007199254740993,"${metric}":${min}}`),
    schema('a boot that is text', sample({ boot: 'x' })),
    schema('a ts that is not a time', sample({ ts: 'yesterday' })),
    schema('a ts in epoch seconds', sample({ ts: 1_795_248_000 })),
    schema('a ts past the year 9999', sample({ ts: 1e17 })),
    schema(`a number beyond ±${STORABLE_MAGNITUDE}`, sample({ vendorValue: STORABLE_MAGNITUDE * 10 })),
    ...metrics.flatMap(([name, [low, high]]) => [
      schema(`${name} below its range`, sample({ [name]: low - Math.max(1, Math.abs(low) * 0.01) })),
      schema(`${name} above its range`, sample({ [name]: high + Math.max(1, Math.abs(high) * 0.01) })),
      schema(`${name} at 1e308`, sample({ [name]: 1e308 })),
    ]),
    {
      name: 'a batch past the sample limit',
      payload: JSON.stringify(Array.from({ length: defaultPayloadLimits.maxSamplesPerMessage + 1 }, () => valid)),
      reason: 'MQTT_PAYLOAD_TOO_LARGE',
    },
    { name: 'a payload past the byte limit', payload: sample({ note: 'x'.repeat(defaultPayloadLimits.maxPayloadBytes) }), reason: 'MQTT_PAYLOAD_TOO_LARGE' },
    // Kept (the reading is real), stored at its receive time, and counted.
    {
      name: 'a ts an hour ahead',
      payload: sample({ ts: new Date(Date.now() + 3_600_000).toISOString(), ...(metrics.length > 0 ? { [metric]: max } : {}) }),
      reason: 'MQTT_CLOCK_AHEAD',
    },
  ];
}
