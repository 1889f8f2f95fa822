import type { Queryable } from '@hearth/platform/db';
import { SALE_COLUMNS, type FuelSale } from '../sale/sale.types';
import type { ReportPeriod } from './report-period';
import type { FuelAnomalyCount } from './anomaly-report.types';

export interface AnomalyQuery {
  tenantId: string;
  period: ReportPeriod;
  stationId: string | null;
  /** How many flagged sales to list. */
  first: number;
}

/*
 * Flagged sales are a few of a day's; they are found through the day's range of `sale_tenant_ended` /
 * `sale_station_ended`. No partial index on `anomalies`: settling writes them by an UPDATE after the
 * insert, which an index over them would take off PostgreSQL's heap-only path for every sale.
 */
const FLAGGED = `tenant_id = $1 AND ended_at >= $2 AND ended_at < $3 AND ($4::uuid IS NULL OR station_id = $4) AND anomalies <> '[]'::jsonb`;

/** Counts per rule and the newest flagged sales of the period. */
export async function anomalyFigures(
  db: Queryable,
  q: AnomalyQuery,
): Promise<{ flagged: number; counts: FuelAnomalyCount[]; sales: FuelSale[]; truncated: boolean }> {
  const params = [q.tenantId, q.period.from, q.period.to, q.stationId];
  const counts = await db.query<FuelAnomalyCount & { flagged: number }>(
    `WITH flagged AS (SELECT id, anomalies FROM fueling.sale WHERE ${FLAGGED})
     SELECT a->>'code' AS code, count(DISTINCT f.id)::int AS "salesCount", (SELECT count(*) FROM flagged)::int AS flagged
       FROM flagged f CROSS JOIN LATERAL jsonb_array_elements(f.anomalies) a
      GROUP BY 1 ORDER BY 2 DESC, 1`,
    params,
  );
  const sales = await db.query<FuelSale>(`SELECT ${SALE_COLUMNS} FROM fueling.sale WHERE ${FLAGGED} ORDER BY ended_at DESC, id DESC LIMIT $5`, [
    ...params,
    q.first + 1,
  ]);
  return {
    flagged: counts[0]?.flagged ?? 0,
    counts: counts.map(({ code, salesCount }) => ({ code, salesCount })),
    sales: sales.slice(0, q.first),
    truncated: sales.length > q.first,
  };
}
