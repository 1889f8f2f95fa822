import type { DeviceKind } from '@hearth/broker';
import { isUuid, keysetCount, keysetPage, type KeysetQuery, type Queryable } from '@hearth/platform/db';
import type { AlarmChange, AlarmSeverity, AlarmStateName } from '../model/alarm';
import { cleared } from '../model/alarm-lifecycle';

export interface AssetAlarmChange {
  tenantId: string;
  assetKind: DeviceKind | 'gateway';
  assetId: string;
  /** The site the asset stands at, when its kind knows it (the alarm centre filters by site). */
  siteId?: string | null;
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
    // Unacknowledged, it waits for its acknowledgement (model/alarm-lifecycle).
    await tx.query(
      `UPDATE twins.alarm a SET state = CASE a.state WHEN 'ACKNOWLEDGED' THEN 'CLEARED' ELSE 'CLEARED_UNACKNOWLEDGED' END, cleared_at = c.at
         FROM unnest($1::uuid[], $2::timestamptz[]) AS c(id, at) WHERE a.id = c.id`,
      [olderCleared.map(([id]) => id), olderCleared.map(([, at]) => at)],
    );
  }
  if (raised.length > 0) {
    const col = <T>(f: (c: AssetAlarmChange & { change: { kind: 'raised' } }) => T) =>
      raised.map((c) => f(c as AssetAlarmChange & { change: { kind: 'raised' } }));
    await tx.query(
      `INSERT INTO twins.alarm (id, tenant_id, asset_kind, asset_id, code, severity, state, message, value, raised_at, cleared_at, site_id)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::float8[], $10::timestamptz[], $11::timestamptz[], $12::uuid[])`,
      [
        col((c) => c.change.alarm.id),
        col((c) => c.tenantId),
        col((c) => c.assetKind),
        col((c) => c.assetId),
        col((c) => c.change.alarm.code),
        col((c) => c.change.alarm.severity),
        col((c) => (clearedAt.has(c.change.alarm.id) ? cleared(c.change.alarm.state) : c.change.alarm.state)),
        col((c) => c.change.alarm.message),
        col((c) => c.change.alarm.value),
        col((c) => c.change.alarm.raisedAt),
        col((c) => clearedAt.get(c.change.alarm.id) ?? null),
        col((c) => c.siteId ?? null),
      ],
    );
  }
}

/** An alarm as stored: its asset, its condition (raised, cleared) and its acknowledgement. */
export interface AlarmRecord {
  id: string;
  tenantId: string;
  assetKind: AssetAlarmChange['assetKind'];
  assetId: string;
  siteId: string | null;
  code: string;
  severity: AlarmSeverity;
  state: AlarmStateName;
  message: string;
  value: number | null;
  raisedAt: Date;
  clearedAt: Date | null;
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
  acknowledgementComment: string | null;
  /** Set while it is shelved: until when, by whom, why (null once the time is up). */
  shelvedUntil: Date | null;
  shelvedBy: string | null;
  shelveReason: string | null;
}

const ALARM_COLUMNS = `id, tenant_id AS "tenantId", asset_kind AS "assetKind", asset_id AS "assetId", site_id AS "siteId", code, severity, state, message, value,
  raised_at AS "raisedAt", cleared_at AS "clearedAt", acknowledged_at AS "acknowledgedAt", acknowledged_by AS "acknowledgedBy",
  acknowledgement_comment AS "acknowledgementComment",
  CASE WHEN shelved_until > now() THEN shelved_until END AS "shelvedUntil", CASE WHEN shelved_until > now() THEN shelved_by END AS "shelvedBy",
  CASE WHEN shelved_until > now() THEN shelve_reason END AS "shelveReason"`;

/** One of the tenant's alarms (another tenant's, or a malformed id, is none), locked for the transaction's update. */
export const findAlarmForUpdate = (tx: Queryable, tenantId: string, id: string) => findAlarm(tx, tenantId, id, ' FOR UPDATE');

/** One of the tenant's alarms (another tenant's, or a malformed id, is none). */
export async function findAlarm(db: Queryable, tenantId: string, id: string, lock = ''): Promise<AlarmRecord | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.query<AlarmRecord>(`SELECT ${ALARM_COLUMNS} FROM twins.alarm WHERE tenant_id = $1 AND id = $2${lock}`, [tenantId, id]);
  return row ?? null;
}

/** Shelves an alarm until a time, with who and why; `null` unshelves it. */
export async function saveShelving(tx: Queryable, alarm: AlarmRecord, shelf: { until: Date; by: string; reason: string } | null): Promise<AlarmRecord> {
  const [row] = await tx.query<AlarmRecord>(
    `UPDATE twins.alarm SET shelved_until = $3, shelved_by = $4, shelve_reason = $5 WHERE tenant_id = $1 AND id = $2 RETURNING ${ALARM_COLUMNS}`,
    [alarm.tenantId, alarm.id, shelf?.until ?? null, shelf?.by ?? null, shelf?.reason ?? null],
  );
  return row!;
}

/** Records an acknowledgement: the alarm's next state, who, when, and their comment. */
export async function saveAcknowledgement(
  tx: Queryable,
  alarm: AlarmRecord,
  ack: { state: AlarmStateName; at: Date; by: string; comment: string | null },
): Promise<AlarmRecord> {
  const [row] = await tx.query<AlarmRecord>(
    `UPDATE twins.alarm SET state = $3, acknowledged_at = $4, acknowledged_by = $5, acknowledgement_comment = $6
      WHERE tenant_id = $1 AND id = $2 RETURNING ${ALARM_COLUMNS}`,
    [alarm.tenantId, alarm.id, ack.state, ack.at, ack.by, ack.comment],
  );
  return row!;
}

export interface AlarmFilter {
  tenantId: string;
  states?: AlarmStateName[] | null;
  severities?: AlarmSeverity[] | null;
  assetKinds?: AssetAlarmChange['assetKind'][] | null;
  /** Raised at or after. */
  since?: Date | null;
  /** Only shelved alarms (true), or only those not shelved (false). */
  shelved?: boolean | null;
  /** Only alarms about these assets (an asset's alarm history). */
  assetIds?: string[] | null;
  /** Only alarms of assets at these sites. */
  siteIds?: string[] | null;
}

/** The alarms a filter names, newest first (keyset by raise time and id; index `alarm_tenant_time`). */
const alarmsOf = (filter: AlarmFilter): KeysetQuery => ({
  select: ALARM_COLUMNS,
  from: 'twins.alarm',
  where: `tenant_id = $1 AND ($2::text[] IS NULL OR state = ANY($2::text[])) AND ($3::text[] IS NULL OR severity = ANY($3::text[]))
      AND ($4::text[] IS NULL OR asset_kind = ANY($4::text[])) AND ($5::timestamptz IS NULL OR raised_at >= $5)
      AND ($6::boolean IS NULL OR (shelved_until IS NOT NULL AND shelved_until > now()) = $6)
      AND ($7::text[] IS NULL OR asset_id = ANY($7::text[])) AND ($8::uuid[] IS NULL OR site_id = ANY($8::uuid[]))`,
  params: [
    filter.tenantId,
    filter.states ?? null,
    filter.severities ?? null,
    filter.assetKinds ?? null,
    filter.since ?? null,
    filter.shelved ?? null,
    filter.assetIds ?? null,
    // A site id that is not a UUID names no site (and must not reach the uuid cast).
    filter.siteIds?.filter(isUuid) ?? null,
  ],
  key: [
    { column: 'raised_at', type: 'timestamptz' },
    { column: 'id', type: 'uuid' },
  ],
  direction: 'DESC',
});

export const listAlarms = (db: Queryable, filter: AlarmFilter, first: number, after?: [string, string]) =>
  keysetPage<AlarmRecord>(db, alarmsOf(filter), first, after);

export const countAlarms = (db: Queryable, filter: AlarmFilter) => keysetCount(db, alarmsOf(filter));

/**
 * Per severity: alarms not yet CLEARED and not shelved, of them the ones nobody acknowledged (a
 * dashboard's badges), and the shelved ones apart (shelving takes an alarm off the displays, ISA-18.2).
 */
export async function alarmCounts(
  db: Queryable,
  tenantId: string,
): Promise<{ severity: AlarmSeverity; standing: number; unacknowledged: number; shelved: number }[]> {
  return db.query(
    `SELECT severity, (count(*) FILTER (WHERE NOT shelved))::int AS standing,
            (count(*) FILTER (WHERE NOT shelved AND state IN ('ACTIVE', 'CLEARED_UNACKNOWLEDGED')))::int AS unacknowledged,
            (count(*) FILTER (WHERE shelved))::int AS shelved
       FROM (SELECT severity, state, coalesce(shelved_until > now(), false) AS shelved FROM twins.alarm WHERE tenant_id = $1 AND state <> 'CLEARED') a
      GROUP BY severity`,
    [tenantId],
  );
}
