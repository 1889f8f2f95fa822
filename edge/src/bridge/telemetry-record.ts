import type { TankMetric } from './config/site-config.schema';

/** What the journal holds per reading: enough to publish it again byte for byte after any restart. */
export interface TelemetryRecord {
  kind: 'tank';
  deviceId: string;
  /** The MQTT payload, `{"ts":…,"seq":…,<metrics>}`, serialised once so a replay sends the same bytes. */
  payload: string;
}

export const encodeRecord = (record: TelemetryRecord): Buffer => Buffer.from(JSON.stringify(record));
export const decodeRecord = (data: Buffer): TelemetryRecord => JSON.parse(data.toString('utf8')) as TelemetryRecord;

/** DESIGN §3: hearth/v1/{gatewayId}/{kind}/{deviceId}/telemetry. */
export const telemetryTopic = (gatewayId: string, record: TelemetryRecord): string => `hearth/v1/${gatewayId}/${record.kind}/${record.deviceId}/telemetry`;
export const statusTopic = (gatewayId: string): string => `hearth/v1/${gatewayId}/status`;

/** The contract's bounds (broker/src/metric-schemas.ts): a value outside them would make the server refuse the whole sample. */
const lowest: Record<TankMetric, number> = { levelMm: 0, waterLevelMm: 0, temperatureC: -273.15, pressureKPa: -101.325 };

/** Splits values into those the contract accepts and the metrics left out (NaN from a faulty probe, a negative level…). */
export function contractValues(values: Partial<Record<TankMetric, number>>): { accepted: Partial<Record<TankMetric, number>>; rejected: TankMetric[] } {
  const accepted: Partial<Record<TankMetric, number>> = {};
  const rejected: TankMetric[] = [];
  for (const [metric, value] of Object.entries(values) as [TankMetric, number][]) {
    if (Number.isFinite(value) && value >= lowest[metric]) accepted[metric] = value;
    else rejected.push(metric);
  }
  return { accepted, rejected };
}
