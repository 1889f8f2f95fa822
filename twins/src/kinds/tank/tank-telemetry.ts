import { randomUUID } from 'node:crypto';
import type { DeviceMessage } from '@hearth/broker';
import { applyTankSample, emptyTankTwin, type TankReported, type TankTwinState } from './model/tank-twin';
import type { TankConfig } from './model/tank-config';
import type { KindBatch } from '../twin-kind';
import type { TankSampleRow } from './store/tank-sample-store';

type DeviceSample = DeviceMessage['samples'][number];

/**
 * A redelivered sample: `seq` at or below the last stored one of the same boot. A sample from a
 * later `boot` starts the device's new session (its `seq` restarted); one from an earlier boot is a
 * redelivery from before the restart. A device that sends no `boot` but has a clock: a low `seq` with
 * a time newer than anything stored is new data too (its counter restarted).
 */
export function isDuplicate(twin: TankTwinState, sample: DeviceSample): boolean {
  if (sample.seq === undefined || twin.lastSeq === null) return false;
  if (sample.boot !== undefined && sample.boot !== twin.lastBoot) return twin.lastBoot !== null && sample.boot < twin.lastBoot;
  if (sample.seq > twin.lastSeq) return false;
  const restarted = sample.tsGiven && twin.reportedAt !== null && sample.ts > twin.reportedAt;
  return !restarted;
}

const numberOrUndefined = (v: unknown) => (typeof v === 'number' ? v : undefined);
const booleanOrUndefined = (v: unknown) => (typeof v === 'boolean' ? v : undefined);
const tankValues = (values: DeviceSample['values']): Partial<TankReported> => ({
  levelMm: numberOrUndefined(values.levelMm),
  temperatureC: numberOrUndefined(values.temperatureC),
  pressureKPa: numberOrUndefined(values.pressureKPa),
  waterLevelMm: numberOrUndefined(values.waterLevelMm),
  inletValveOpen: booleanOrUndefined(values.inletValveOpen),
  highHighSetpointMm: numberOrUndefined(values.highHighSetpointMm),
});

/** Applies a tank telemetry message to the batch; returns how many samples were new and how many duplicates. */
export function handleTankTelemetry(
  message: DeviceMessage,
  batch: KindBatch<TankTwinState, TankSampleRow>,
  config: TankConfig | null,
): { stored: number; duplicates: number } {
  let stored = 0;
  let duplicates = 0;
  for (const sample of message.samples) {
    const current = batch.get(message.deviceId) ?? emptyTankTwin(message.deviceId, message.tenantId);
    if (isDuplicate(current, sample)) {
      duplicates++;
      continue;
    }
    const values = tankValues(sample.values);
    const applied = applyTankSample(
      current,
      config,
      { ts: sample.ts, seq: sample.seq, boot: sample.boot, values },
      { gatewayId: message.gatewayId, receivedAt: message.receivedAt },
      randomUUID,
    );
    batch.put(applied.state);
    batch.rows.push({
      time: sample.ts,
      tenantId: message.tenantId,
      tankId: message.deviceId,
      levelMm: values.levelMm ?? null,
      temperatureC: values.temperatureC ?? null,
      pressureKPa: values.pressureKPa ?? null,
      waterLevelMm: values.waterLevelMm ?? null,
      volumeLiters: applied.derived.volumeLiters,
      fillPercent: applied.derived.fillPercent,
      massKg: applied.derived.massKg,
      inletValveOpen: values.inletValveOpen ?? null,
      highHighSetpointMm: values.highHighSetpointMm ?? null,
      seq: sample.seq ?? null,
      receivedAt: message.receivedAt,
    });
    for (const change of applied.changes) batch.alarms.push({ tenantId: message.tenantId, assetKind: 'tank', assetId: message.deviceId, change });
    stored++;
  }
  return { stored, duplicates };
}
