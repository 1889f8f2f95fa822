import type { CommandAckStatus, DeviceKind, DeviceMessage } from '@hearth/broker';
import type { TwinBatch } from '../ingest/twin-batch';
import { ackStatus, withdrawsDesired } from '../model/command';

/**
 * A gateway's answer on `…/command/ack` (`{id, status, reason?}`), written with the batch (only
 * forward, see `applyCommandAcks`). "done" leaves the delta alone: it clears only when the
 * reported state matches.
 */
export function handleCommandAck(message: DeviceMessage, index: number, batch: TwinBatch): void {
  for (const sample of message.samples) {
    const { id, status, reason } = sample.values as { id: string; status: CommandAckStatus; reason?: string };
    batch.acks.push({
      message: index,
      tenantId: message.tenantId,
      kind: message.kind,
      deviceId: message.deviceId,
      commandId: id,
      status: ackStatus[status] as 'ACCEPTED' | 'REJECTED' | 'DONE',
      reason: reason ?? null,
      at: message.receivedAt,
    });
  }
}

/** After the acks were written: a rejection that took effect withdraws what its command asked for. */
export function withdrawRejected(batch: TwinBatch, applied: ReadonlySet<string>): void {
  for (const ack of batch.acks) if (applied.has(ack.commandId) && withdrawsDesired(ack.status)) withdrawCommand(batch, ack.kind, ack.deviceId, ack.commandId);
}

/** A command ended without being carried out: its desired values go, unless a later command asked again. */
export function withdrawCommand(batch: TwinBatch, kind: DeviceKind, deviceId: string, commandId: string): void {
  const registered = batch.committed.kinds.get(kind);
  if (!registered?.withdraw) return;
  const twins = batch.of(registered);
  const twin = twins.get(deviceId);
  const withdrawn = twin && registered.withdraw(twin, commandId);
  if (withdrawn && withdrawn !== twin) twins.put(withdrawn);
}
