import type { Queryable } from '@hearth/platform/db';
import { FuelReportDimension } from './report.enums';
import { STATION_SHIFTS, type ReportPeriod } from './report-period';
import type { FuelSalesFigures, FuelSalesReportRow } from './sales-report.types';

/*
 * Plain SQL over `fueling.sale`, not a TimescaleDB continuous aggregate. A continuous aggregate
 * needs a hypertable, and `fueling.sale` cannot be one: a hypertable's unique indexes must hold its
 * time column, and the sale's keys (its id, and the (tenant, pump, counter) that settles each sale
 * once) hold none. Plain SQL is also exact and fresh with nothing to refresh: offline pumps upload
 * sales days late, which a materialised hour would have to be invalidated for. A day, a station's
 * month or a company's year is read through `sale_tenant_ended` / `sale_station_ended` (migration
 * 0003: (tenant_id[, station_id], ended_at)), so no index is added for it.
 */

const GROUPS: Record<FuelReportDimension, { select: string; by: string[] }> = {
  [FuelReportDimension.STATION]: { select: `s.station_id::text AS "stationId"`, by: ['s.station_id'] },
  [FuelReportDimension.GRADE]: { select: `s.grade_code AS "gradeCode"`, by: ['s.grade_code'] },
  // A card reissued keeps its account under a new number: each number paid with is a row of its own.
  [FuelReportDimension.CARD]: { select: `s.card_id::text AS "cardId", s.card_number AS "cardNumber"`, by: ['s.card_number', 's.card_id'] },
  [FuelReportDimension.PUMP]: { select: `s.pump_id AS "pumpId"`, by: ['s.pump_id'] },
  [FuelReportDimension.SHIFT]: { select: `sh.shift, sh.starts_at AS "shiftStartsAt"`, by: ['sh.starts_at', 'sh.shift'] },
};

const FIGURES = `count(*)::int AS "salesCount", coalesce(sum(s.volume_ml), 0)::float8 AS "volumeMl", coalesce(sum(s.amount_minor), 0)::float8 AS "amountMinor",
  coalesce(sum(s.amount_minor) FILTER (WHERE s.card_number IS NOT NULL), 0)::float8 AS "cardAmountMinor",
  coalesce(sum(s.amount_minor) FILTER (WHERE s.card_number IS NULL), 0)::float8 AS "cashAmountMinor"`;

/**
 * The shift each sale ended in (`STATION_SHIFTS`): of the shifts' starts, the latest at or before its
 * local time of day, counted back across midnight; the shift began that many minutes before it.
 * Parameters: $5 the time zone, $6 the shifts' names, $7 their starts (minutes after midnight).
 */
const SHIFT_JOIN = `
  CROSS JOIN LATERAL (SELECT s.ended_at AT TIME ZONE $5 AS local) l
  CROSS JOIN LATERAL (SELECT (extract(hour FROM l.local) * 60 + extract(minute FROM l.local))::int AS minute) m
  CROSS JOIN LATERAL (
    SELECT z.shift, (date_trunc('minute', l.local) - make_interval(mins => (m.minute - z.start + 1440) % 1440)) AT TIME ZONE $5 AS starts_at
      FROM unnest($6::text[], $7::int[]) AS z(shift, start)
     ORDER BY (m.minute - z.start + 1440) % 1440 LIMIT 1) sh`;

export interface SalesReportQuery {
  tenantId: string;
  period: ReportPeriod;
  /** A station's id, or null for every station. */
  stationId: string | null;
  groupBy: readonly FuelReportDimension[];
}

/** The period's totals and, when grouped, one row per group (the totals then add the rows up, exactly: integers). */
export async function salesReportFigures(db: Queryable, q: SalesReportQuery): Promise<{ totals: FuelSalesFigures; rows: FuelSalesReportRow[] }> {
  const groups = q.groupBy.map((d) => GROUPS[d]);
  const shifts = q.groupBy.includes(FuelReportDimension.SHIFT);
  const params: unknown[] = [q.tenantId, q.period.from, q.period.to, q.stationId];
  if (shifts)
    params.push(
      q.period.timeZone,
      STATION_SHIFTS.map((s) => s.shift),
      STATION_SHIFTS.map((s) => s.startsAtMinute),
    );
  const by = groups.flatMap((g) => g.by);
  const rows = await db.query<FuelSalesReportRow>(
    `SELECT ${[...groups.map((g) => g.select), FIGURES].join(', ')}
       FROM fueling.sale s ${shifts ? SHIFT_JOIN : ''}
      WHERE s.tenant_id = $1 AND s.ended_at >= $2 AND s.ended_at < $3 AND ($4::uuid IS NULL OR s.station_id = $4)
      ${by.length > 0 ? `GROUP BY ${by.join(', ')} ORDER BY ${by.map((b) => `${b} NULLS FIRST`).join(', ')}` : ''}`,
    params,
  );
  if (groups.length === 0) return { totals: rows[0] ?? zero(), rows: [] };
  const totals = zero();
  for (const r of rows) {
    totals.salesCount += r.salesCount;
    totals.volumeMl += r.volumeMl;
    totals.amountMinor += r.amountMinor;
    totals.cardAmountMinor += r.cardAmountMinor;
    totals.cashAmountMinor += r.cashAmountMinor;
  }
  return { totals, rows: rows.map(withEveryDimension) };
}

const zero = (): FuelSalesFigures => ({ salesCount: 0, volumeMl: 0, amountMinor: 0, cardAmountMinor: 0, cashAmountMinor: 0 });

/** Dimensions not grouped by are null, never missing. */
const withEveryDimension = (r: Partial<FuelSalesReportRow> & FuelSalesFigures): FuelSalesReportRow => ({
  stationId: null,
  gradeCode: null,
  cardId: null,
  cardNumber: null,
  pumpId: null,
  shift: null,
  shiftStartsAt: null,
  ...r,
});
