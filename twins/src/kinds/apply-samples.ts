import type { DeviceMessage, SinkResult } from '@hearth/broker';
import { isDuplicate, type SampleCursor } from '../model/sample-order';
import type { DeviceTwin, KindBatch } from './twin-kind';

export type DeviceSample = DeviceMessage['samples'][number];

/**
 * The loop every kind's telemetry handler runs: each sample of the message, in order, applied to
 * the device's twin as the batch sees it (a fresh twin before its first message), redeliveries
 * skipped. `apply` returns the new twin and puts the kind's rows and alarm changes in the batch.
 */
export function applySamples<State extends DeviceTwin & SampleCursor, Row>(
  message: DeviceMessage,
  batch: KindBatch<State, Row>,
  fresh: () => State,
  apply: (twin: State, sample: DeviceSample) => State,
): SinkResult {
  let stored = 0;
  let duplicates = 0;
  for (const sample of message.samples) {
    const current = batch.get(message.deviceId) ?? fresh();
    if (isDuplicate(current, sample)) {
      duplicates++;
      continue;
    }
    batch.put(apply(current, sample));
    stored++;
  }
  return { stored, duplicates };
}
