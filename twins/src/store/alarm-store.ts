import type { Queryable } from '@hearth/platform/db';
import type { AlarmChange } from '../model/alarm';

export interface AssetAlarmChange {
  tenantId: string;
  assetKind: 'tank' | 'cylinder' | 'pump' | 'meter' | 'gateway';
  assetId: string;
  change: AlarmChange;
}

/**
 * Records a batch's alarm changes in its transaction. Order matters for the "one open alarm
 * per code" index: first close alarms raised in earlier batches, then insert this batch's
 * alarms with their final state (an alarm can raise and clear within one batch).
 */
export async function saveAlarmChanges(tx: Queryable, changes: AssetAlarmChange[]): Promise<void> {
  const clearedAt = new Map<string, Date>();
  for (const c of changes) if (c.change.kind === 'cleared') clearedAt.set(c.change.alarm.id, c.change.at);
  const raised = changes.filter((c) => c.change.kind === 'raised');
  const raisedIds = new Set(raised.map((c) => c.change.alarm.id));
  const olderCleared = [...clearedAt].filter(([id]) => !raisedIds.has(id));
  if (olderCleared.length > 0) {
    await tx.query(`UPDATE twins.alarm a SET state = 'CLEARED', cleared_at = c.at FROM unnest($1::uuid[], $2::timestamptz[]) AS c(id, at) WHERE a.id = c.id`, [
      olderCleared.map(([id]) => id),
      olderCleared.map(([, at]) => at),
    ]);
  }
  if (raised.length > 0) {
    const col = <T>(f: (c: AssetAlarmChange & { change: { kind: 'raised' } }) => T) =>
      raised.map((c) => f(c as AssetAlarmChange & { change: { kind: 'raised' } }));
    await tx.query(
      `INSERT INTO twins.alarm (id, tenant_id, asset_kind, asset_id, code, severity, state, message, value, raised_at, cleared_at)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::float8[], $10::timestamptz[], $11::timestamptz[])`,
      [
        col((c) => c.change.alarm.id),
        col((c) => c.tenantId),
        col((c) => c.assetKind),
        col((c) => c.assetId),
        col((c) => c.change.alarm.code),
        col((c) => c.change.alarm.severity),
        col((c) => (clearedAt.has(c.change.alarm.id) ? 'CLEARED' : c.change.alarm.state)),
        col((c) => c.change.alarm.message),
        col((c) => c.change.alarm.value),
        col((c) => c.change.alarm.raisedAt),
        col((c) => clearedAt.get(c.change.alarm.id) ?? null),
      ],
    );
  }
}
