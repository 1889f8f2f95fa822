import type { DeviceMessage } from '@hearth/broker';
import type { Queryable } from '@hearth/platform/db';

interface InsertedRow {
  tenant_id: string;
  kind: string;
  device_id: string;
  channel: string;
  seq: string | number | bigint | null;
  time: Date;
}

/**
 * The columns of `device_message_once_per_tenant`: a redelivered sample has the same key. Device ids
 * are per tenant, so the tenant and kind are part of it.
 */
const sampleKey = (tenantId: string, kind: string, deviceId: string, channel: string, seq: unknown, time: Date) =>
  [tenantId, kind, deviceId, channel, String(seq ?? null), time.getTime()].join('\u0000');

/**
 * Stores messages as sent, one row per sample, in one statement for the whole batch; returns how
 * many samples of each message were new (a redelivered sample with the same tenant, device, channel,
 * seq and time is skipped by the unique index, also when it repeats within the batch). The rows the
 * statement returns are matched to samples by that key, in message order: of two equal samples the
 * first is the new one.
 */
export async function insertDeviceMessages(tx: Queryable, messages: readonly DeviceMessage[]): Promise<number[]> {
  const rows = messages.flatMap((m) => m.samples.map((s) => ({ m, s })));
  if (rows.length === 0) return messages.map(() => 0);
  const inserted = await tx.query<InsertedRow>(
    `INSERT INTO twins.device_message (time, tenant_id, kind, device_id, gateway_id, channel, seq, payload, received_at)
     SELECT * FROM unnest($1::timestamptz[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[], $8::jsonb[], $9::timestamptz[])
     ON CONFLICT DO NOTHING RETURNING tenant_id, kind, device_id, channel, seq, time`,
    [
      rows.map((r) => r.s.ts),
      rows.map((r) => r.m.tenantId),
      rows.map((r) => r.m.kind),
      rows.map((r) => r.m.deviceId),
      rows.map((r) => r.m.gatewayId),
      rows.map((r) => r.m.channel),
      rows.map((r) => r.s.seq ?? null),
      rows.map((r) => JSON.stringify(r.s.values)),
      rows.map((r) => r.m.receivedAt),
    ],
  );
  // Rows without a seq never conflict, so a key can come back more than once: count them.
  const newRows = new Map<string, number>();
  for (const r of inserted) {
    const key = sampleKey(r.tenant_id, r.kind, r.device_id, r.channel, r.seq, r.time);
    newRows.set(key, (newRows.get(key) ?? 0) + 1);
  }
  return messages.map((m) => {
    let stored = 0;
    for (const s of m.samples) {
      const key = sampleKey(m.tenantId, m.kind, m.deviceId, m.channel, s.seq, s.ts);
      const left = newRows.get(key) ?? 0;
      if (left === 0) continue;
      newRows.set(key, left - 1);
      stored++;
    }
    return stored;
  });
}
