import { randomUUID } from 'node:crypto';
import type { DeviceMessage } from '@hearth/broker';
import { applyTankSample, emptyTankTwin, type TankReported, type TankTwinState } from './model/tank-twin';
import type { TankConfig } from './model/tank-config';
import type { KindBatch } from '../twin-kind';
import type { TankSampleRow } from './store/tank-sample-store';
import { applySamples, type DeviceSample } from '../apply-samples';

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
  const origin = { gatewayId: message.gatewayId, receivedAt: message.receivedAt };
  return applySamples(
    message,
    batch,
    () => emptyTankTwin(message.deviceId, message.tenantId),
    (twin, sample) => {
      const values = tankValues(sample.values);
      const applied = applyTankSample(twin, config, { ts: sample.ts, seq: sample.seq, boot: sample.boot, values }, origin, randomUUID);
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
      for (const change of applied.changes)
        batch.alarms.push({ tenantId: message.tenantId, assetKind: 'tank', assetId: message.deviceId, siteId: config?.siteId ?? null, change });
      return applied.state;
    },
  );
}
