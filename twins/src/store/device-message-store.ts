import type { DeviceMessage } from '@hearth/broker';
import type { Queryable } from '@hearth/platform/db';

/**
 * Stores messages as sent, one row per sample; returns how many rows were new (a
 * redelivered sample with the same seq and time is skipped by the unique index).
 */
export async function insertDeviceMessages(tx: Queryable, messages: DeviceMessage[]): Promise<number> {
  const rows = messages.flatMap((m) => m.samples.map((s) => ({ m, s })));
  if (rows.length === 0) return 0;
  const inserted = await tx.query(
    `INSERT INTO twins.device_message (time, tenant_id, kind, device_id, gateway_id, channel, seq, payload, received_at)
     SELECT * FROM unnest($1::timestamptz[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[], $8::jsonb[], $9::timestamptz[])
     ON CONFLICT DO NOTHING RETURNING 1`,
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
  return inserted.length;
}
