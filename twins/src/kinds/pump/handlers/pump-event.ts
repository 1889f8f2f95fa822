import { randomUUID } from 'node:crypto';
import type { DeviceMessage, SinkResult } from '@hearth/broker';
import type { AlarmChange } from '../../../model/alarm';
import { effectiveTime, isDuplicate } from '../../../model/sample-order';
import type { KindBatch } from '../../twin-kind';
import { recordSale, requestAuthorization } from '../model/pump-events';
import { emptyPumpTwin, heardEvent, type PumpTwinState } from '../model/pump-twin';
import type { PumpEvent } from '../pump-messages';
import type { PumpRow } from '../store/pump-store';

/**
 * A pump's events, in the batch. Each one that is not a redelivery (its `seq` at or below the
 * last event's) is stored as a row the fueling service takes in: a card read as
 * `twins.pump_auth_request` (pending on the twin until the card host answers), a sale as
 * `twins.pump_transaction` (judged for totaliser gaps). Acknowledged means stored.
 */
export function handlePumpEvents(
  message: DeviceMessage,
  batch: KindBatch<PumpTwinState, PumpRow>,
  siteOf: (tenantId: string, pumpId: string) => string | null,
): SinkResult {
  const { tenantId, deviceId: pumpId, receivedAt } = message;
  const origin = { gatewayId: message.gatewayId, receivedAt };
  let stored = 0;
  let duplicates = 0;
  for (const sample of message.samples) {
    const current = batch.get(pumpId) ?? emptyPumpTwin(pumpId, tenantId);
    if (isDuplicate(current.eventCursor, sample)) {
      duplicates++;
      continue;
    }
    const heard = heardEvent(current, sample, origin);
    const at = effectiveTime(sample.ts, receivedAt);
    const seq = sample.seq ?? null;
    // The broker let only the kind's event schema through (`pumpEvents`).
    const event = sample.values as unknown as PumpEvent;
    let applied: { state: PumpTwinState; changes: AlarmChange[] };
    if (event.type === 'AUTH_REQUEST') {
      const id = randomUUID();
      const { nozzle, cardNumber } = event;
      const [presetMinor, plate] = [event.presetMinor ?? null, event.plate ?? null];
      batch.rows.push({ table: 'auth_request', id, time: sample.ts, tenantId, pumpId, nozzle, cardNumber, presetMinor, plate, seq, receivedAt });
      applied = { state: requestAuthorization(heard, event, id, at), changes: [] };
    } else {
      const { type: _type, startedAt, endedAt, cardNumber, ...sale } = event;
      batch.rows.push({
        ...sale,
        table: 'transaction',
        id: randomUUID(),
        time: new Date(endedAt),
        tenantId,
        pumpId,
        cardNumber: cardNumber ?? null,
        startedAt: new Date(startedAt),
        endedAt: new Date(endedAt),
        seq,
        receivedAt,
      });
      applied = recordSale(heard, event, at, randomUUID);
    }
    const siteId = siteOf(tenantId, pumpId);
    for (const change of applied.changes) batch.alarms.push({ tenantId, assetKind: 'pump', assetId: pumpId, siteId, change });
    batch.put(applied.state);
    stored++;
  }
  return { stored, duplicates };
}
