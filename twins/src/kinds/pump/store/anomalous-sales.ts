import { TableCursor, timeKeySql, type Queryable, type TableKey } from '@hearth/platform/db';
import { saveAlarmChanges, type AssetAlarmChange } from '../../../store/alarm-store';
import type { AnomalousSale } from '../model/sale-alarms';

/**
 * Reads the fueling service's settled sales as a contract (its migration 0003; nothing there is
 * written): `fueling.sale (id, tenant_id, pump_id, counter, station_id, nozzle, grade_code,
 * volume_ml, unit_price_minor, amount_minor, ended_at, anomalies, settled_at)`. A sale's row and
 * its anomalies commit together, so a sale read with none has none.
 */
export const SALE_TABLE = 'fueling.sale';

export interface AnomalousSaleRow extends AnomalousSale {
  /** `settled_at` to the microsecond, as the cursor keeps it. */
  settledKey: string;
  /** Its alarms were raised already, by this instance or another. */
  raised: boolean;
}

/** How far the pump kind has read settled sales (its migration starts it at the migration's time). */
export const saleCursor = new TableCursor('twins.pump_sale_cursor', SALE_TABLE, { at: 'settled_at', id: 'sale_id' });

/**
 * Up to `limit` sales settled with anomalies after `(settledAt, id)`, in that order: a range of the
 * fueling migration's partial index `sale_anomalous_settled` (its condition is repeated here so the
 * planner can use it).
 */
export function anomalousSalesAfter(db: Queryable, after: TableKey, limit: number): Promise<AnomalousSaleRow[]> {
  return db.query<AnomalousSaleRow>(
    `SELECT s.id::text, s.tenant_id::text AS "tenantId", s.pump_id AS "pumpId", s.station_id::text AS "stationId", s.counter::float8 AS counter,
            s.nozzle, s.grade_code AS "gradeCode", s.volume_ml::float8 AS "volumeMl", s.unit_price_minor::float8 AS "unitPriceMinor",
            s.amount_minor::float8 AS "amountMinor", s.ended_at AS "endedAt", s.anomalies, ${timeKeySql('s.settled_at')} AS "settledKey",
            EXISTS (SELECT 1 FROM twins.pump_sale_alarm x WHERE x.sale_id = s.id) AS raised
       FROM fueling.sale s
      WHERE s.settled_at >= $1::timestamptz AND (s.settled_at, s.id) > ($1::timestamptz, $2::uuid) AND s.anomalies <> '[]'::jsonb
      ORDER BY s.settled_at, s.id LIMIT $3`,
    [after[0], after[1], limit],
  );
}

/**
 * Raises a sale's alarms once: the claim and the alarms commit together, so of several instances
 * (or runs re-reading the look-back window) the one whose claim wins writes them; false for the others.
 */
export async function raiseOnce(tx: Queryable, sale: AnomalousSale, alarms: AssetAlarmChange[]): Promise<boolean> {
  const ids = [...new Set(alarms.map((a) => a.change.alarm.id))];
  const claimed = await tx.query(
    `INSERT INTO twins.pump_sale_alarm (sale_id, tenant_id, pump_id, alarm_ids) VALUES ($1, $2, $3, $4::uuid[])
     ON CONFLICT (sale_id) DO NOTHING RETURNING sale_id`,
    [sale.id, sale.tenantId, sale.pumpId, ids],
  );
  if (claimed.length === 0) return false;
  await saveAlarmChanges(tx, alarms);
  return true;
}

/** Claims older than any look-back window: nothing reads their sales again. */
export async function forgetOldClaims(db: Queryable, olderThanMs: number): Promise<void> {
  await db.query(`DELETE FROM twins.pump_sale_alarm WHERE raised_at < now() - make_interval(secs => $1)`, [olderThanMs / 1000]);
}
