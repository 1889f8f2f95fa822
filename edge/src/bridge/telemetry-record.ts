import { defaultMetricBounds, STORABLE_MAGNITUDE, type MetricRange } from '@hearth/platform/domain';
import type { ModbusMetric } from './config/site-config.schema';

/** What the journal holds per reading (or pump message): enough to publish it again byte for byte after any restart. */
export interface TelemetryRecord {
  kind: 'tank' | 'pump' | 'meter';
  deviceId: string;
  /** Absent: telemetry (every record written before pumps came had none). */
  channel?: 'event' | 'command/ack';
  /** The MQTT payload, `{"ts":…,"seq":…,<metrics>}`, serialised once so a replay sends the same bytes. */
  payload: string;
}

export const encodeRecord = (record: TelemetryRecord): Buffer => Buffer.from(JSON.stringify(record));
export const decodeRecord = (data: Buffer): TelemetryRecord => JSON.parse(data.toString('utf8')) as TelemetryRecord;

/** DESIGN §3: hearth/v1/{gatewayId}/{kind}/{deviceId}/telemetry | event | command/ack. */
export const recordTopic = (gatewayId: string, record: TelemetryRecord): string =>
  `hearth/v1/${gatewayId}/${record.kind}/${record.deviceId}/${record.channel ?? 'telemetry'}`;
export const statusTopic = (gatewayId: string): string => `hearth/v1/${gatewayId}/status`;

/** The contract's bounds (platform/src/domain/metric-bounds.ts): a value outside them would make the server refuse the whole sample. */
const ranges: Record<ModbusMetric, MetricRange> = { ...defaultMetricBounds.tank, registerKwh: [0, STORABLE_MAGNITUDE] };

/** Splits values into those the contract accepts and the metrics left out (NaN from a faulty probe, a negative level…). */
export function contractValues(values: Partial<Record<ModbusMetric, number>>): {
  accepted: Partial<Record<ModbusMetric, number>>;
  rejected: ModbusMetric[];
} {
  const accepted: Partial<Record<ModbusMetric, number>> = {};
  const rejected: ModbusMetric[] = [];
  for (const [metric, value] of Object.entries(values) as [ModbusMetric, number][]) {
    const [min, max] = ranges[metric];
    if (Number.isFinite(value) && value >= min && value <= max) accepted[metric] = value;
    else rejected.push(metric);
  }
  return { accepted, rejected };
}
