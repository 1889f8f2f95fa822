import { randomUUID } from 'node:crypto';
import type { DeviceMessage, SinkResult } from '@hearth/broker';
import type { AlarmChange } from '../../../model/alarm';
import { effectiveTime, isDuplicate } from '../../../model/sample-order';
import type { KindBatch } from '../../twin-kind';
import { applyFill, emptyScaleTwin, heardEvent, readTag, type ScaleTwinState } from '../model/scale-twin';
import type { ScaleEvent } from '../scale-messages';
import type { ScaleFillRow } from '../store/scale-store';

/**
 * A scale's events, in the batch (ADR 0016): a tag read waits for the interlock's decision after
 * commit (`pendingRead`); a fill is judged against the interlock as it stands, stored as a row of
 * `twins.scale_fill`, and locks the scale. A redelivered event (its `seq` at or below the last
 * one) is counted as a duplicate and changes nothing, so a fill is stored once.
 */
export function handleScaleEvents(message: DeviceMessage, batch: KindBatch<ScaleTwinState, ScaleFillRow>): SinkResult {
  const origin = { gatewayId: message.gatewayId, receivedAt: message.receivedAt };
  let stored = 0;
  let duplicates = 0;
  for (const sample of message.samples) {
    const current = batch.get(message.deviceId) ?? emptyScaleTwin(message.deviceId, message.tenantId);
    if (isDuplicate(current.eventCursor, sample)) {
      duplicates++;
      continue;
    }
    const heard = heardEvent(current, sample, origin);
    const at = effectiveTime(sample.ts, message.receivedAt);
    // The broker let only the kind's event schema through (`scaleEvents`).
    const event = sample.values as unknown as ScaleEvent;
    let applied: { state: ScaleTwinState; changes: AlarmChange[] };
    if (event.type === 'TAG_READ') {
      applied = readTag(heard, event.tag, at);
    } else {
      const operator = event.operator ?? null;
      const fill = applyFill(heard, { tag: event.tag, tareKg: event.tareKg, grossKg: event.grossKg, netKg: event.netKg, operator, at }, randomUUID);
      batch.rows.push({
        id: randomUUID(),
        time: sample.ts,
        tenantId: message.tenantId,
        scaleId: message.deviceId,
        tag: event.tag,
        cylinderId: fill.cylinderId,
        tareKg: event.tareKg,
        grossKg: event.grossKg,
        netKg: event.netKg,
        operator,
        released: fill.released,
        overfill: fill.overfill === true,
        seq: sample.seq ?? null,
        receivedAt: message.receivedAt,
      });
      applied = fill;
    }
    const siteId = applied.state.stationId;
    for (const change of applied.changes) batch.alarms.push({ tenantId: message.tenantId, assetKind: 'scale', assetId: message.deviceId, siteId, change });
    batch.put(applied.state);
    stored++;
  }
  return { stored, duplicates };
}
