import type { Queryable } from '@hearth/platform/db';
import { byUrgency, type OpenAlarm } from '../model/alarm';

interface AlarmRow {
  id: string;
  asset_id: string;
  code: string;
  severity: OpenAlarm['severity'];
  state: OpenAlarm['state'];
  message: string;
  value: number | null;
  raised_at: Date;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
  acknowledgement_comment: string | null;
}

/** Open alarms (their condition holds: ACTIVE or ACKNOWLEDGED) of one kind of asset, by asset id, most urgent first. */
export async function loadOpenAlarms(db: Queryable, assetKind: string): Promise<Map<string, OpenAlarm[]>> {
  const rows = await db.query<AlarmRow>(`SELECT * FROM twins.alarm WHERE asset_kind = $1 AND cleared_at IS NULL`, [assetKind]);
  const byAsset = new Map<string, OpenAlarm[]>();
  for (const a of rows) {
    const alarm: OpenAlarm = {
      id: a.id,
      code: a.code,
      severity: a.severity,
      state: a.state,
      message: a.message,
      value: a.value,
      raisedAt: a.raised_at,
      ...(a.acknowledged_at && { acknowledgedAt: a.acknowledged_at, acknowledgedBy: a.acknowledged_by, acknowledgementComment: a.acknowledgement_comment }),
    };
    byAsset.set(a.asset_id, [...(byAsset.get(a.asset_id) ?? []), alarm]);
  }
  for (const alarms of byAsset.values()) alarms.sort(byUrgency);
  return byAsset;
}
