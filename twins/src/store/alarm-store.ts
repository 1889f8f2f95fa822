import type { Queryable } from '@hearth/platform/db';
import type { AlarmChange } from '../model/alarm';

export interface AssetAlarmChange {
  tenantId: string;
  assetKind: 'tank' | 'cylinder' | 'pump' | 'meter';
  assetId: string;
  change: AlarmChange;
}

/** Records raised alarms and closes cleared ones, in the batch's transaction. */
export async function saveAlarmChanges(tx: Queryable, changes: AssetAlarmChange[]): Promise<void> {
  const raised = changes.filter((c) => c.change.kind === 'raised');
  if (raised.length > 0) {
    await tx.query(
      `INSERT INTO twins.alarm (id, tenant_id, asset_kind, asset_id, code, severity, state, message, value, raised_at)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[], $9::float8[], $10::timestamptz[])`,
      [
        raised.map((c) => c.change.alarm.id), raised.map((c) => c.tenantId), raised.map((c) => c.assetKind), raised.map((c) => c.assetId),
        raised.map((c) => c.change.alarm.code), raised.map((c) => c.change.alarm.severity), raised.map((c) => c.change.alarm.state),
        raised.map((c) => c.change.alarm.message), raised.map((c) => c.change.alarm.value), raised.map((c) => c.change.alarm.raisedAt),
      ],
    );
  }
  const cleared = changes.flatMap((c) => (c.change.kind === 'cleared' ? [{ id: c.change.alarm.id, at: c.change.at }] : []));
  if (cleared.length > 0) {
    await tx.query(
      `UPDATE twins.alarm a SET state = 'CLEARED', cleared_at = c.at FROM unnest($1::uuid[], $2::timestamptz[]) AS c(id, at) WHERE a.id = c.id`,
      [cleared.map((c) => c.id), cleared.map((c) => c.at)],
    );
  }
}
