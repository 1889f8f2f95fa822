import { z } from 'zod';
import { notFound } from '@hearth/platform';
import { timeKeyedPage, type Database } from '@hearth/platform/db';
import { DEFAULT_CYLINDER_TIME_ZONE } from '@hearth/platform/domain';
import { localDate, validateInput, type Connection } from '@hearth/platform/graphql';
import { TOTALS } from './filling-orders.service';
import type { FillingShiftTotal, FillingTotals, FillRecord, FillRecordFilter } from './filling.types';

const RECORD_COLUMNS = `r.id::text, r.cylinder_id::text AS "cylinderId", r.tag, r.scale_id AS "scaleId", r.station_id::text AS "stationId",
  r.filling_order_id::text AS "fillingOrderId", r.spec_code AS "specCode", r.operator, r.tare_kg AS "tareKg", r.gross_kg AS "grossKg",
  r.net_kg AS "netKg", r.filled_at AS "filledAt", r.released, r.overfill, r.refusal, r.recorded_at AS "recordedAt"`;

const filterSchema = z.object({ stationId: z.uuid().nullish(), cylinderId: z.uuid().nullish(), scaleId: z.string().max(64).nullish() });

/** Reads of fill records, every one within the caller's tenant. */
export class FillRecordQueries {
  constructor(
    private readonly db: Database,
    private readonly timeZone = DEFAULT_CYLINDER_TIME_ZONE,
  ) {}

  /** Fill records, the latest first. */
  list(tenantId: string, filter: FillRecordFilter, firstArg: number, after?: string | null): Promise<Connection<FillRecord>> {
    const f = validateInput(filterSchema, { stationId: filter.stationId, cylinderId: filter.cylinderId, scaleId: filter.scaleId });
    const params: unknown[] = [tenantId];
    const where = ['r.tenant_id = $1'];
    const add = (sql: string, value: unknown) => where.push(sql.replace('$?', `$${params.push(value)}`));
    if (f.stationId) add('r.station_id = $?::uuid', f.stationId);
    if (f.scaleId) add('r.scale_id = $?', f.scaleId);
    if (f.cylinderId) add('r.cylinder_id = $?::uuid', f.cylinderId);
    if (filter.since) add('r.filled_at >= $?::timestamptz', filter.since);
    return timeKeyedPage<FillRecord>(
      this.db,
      { select: RECORD_COLUMNS, from: 'cylinders.fill_record r', where: where.join(' AND '), params, time: 'r.filled_at', id: 'r.id' },
      firstArg,
      after,
    );
  }

  /**
   * A station's fills of one day by shift, spec and scale: the fills of the orders of that shift
   * date, and fills attached to no order that were filled on that calendar day where the station is.
   */
  async shiftTotals(tenantId: string, stationId: string, day: string): Promise<FillingShiftTotal[]> {
    const v = validateInput(z.object({ stationId: z.uuid(), day: localDate }), { stationId, day });
    const [station] = await this.db.query(`SELECT 1 FROM cylinders.filling_station WHERE tenant_id = $1 AND site_id = $2`, [tenantId, v.stationId]);
    // Another company's station, or none: nothing was filled there that you may see.
    if (!station) return [];
    const rows = await this.db.query<FillingTotals & { shift: string | null; specCode: string | null; scaleId: string }>(
      `SELECT shift, spec_code AS "specCode", scale_id AS "scaleId", ${TOTALS}
         FROM (SELECT o.shift, r.* FROM cylinders.filling_order o JOIN cylinders.fill_record r ON r.filling_order_id = o.id
                WHERE o.tenant_id = $1 AND o.station_id = $2 AND o.shift_date = $3::date AND r.station_id = $2
               UNION ALL
               SELECT NULL, r.* FROM cylinders.fill_record r
                WHERE r.tenant_id = $1 AND r.station_id = $2 AND r.filling_order_id IS NULL
                  AND r.filled_at >= ($3::date::timestamp AT TIME ZONE $4) AND r.filled_at < (($3::date + 1)::timestamp AT TIME ZONE $4)) f
        GROUP BY shift, spec_code, scale_id ORDER BY shift NULLS LAST, spec_code NULLS LAST, scale_id`,
      [tenantId, v.stationId, v.day, this.timeZone],
    );
    return rows.map(({ shift, specCode, scaleId, ...totals }) => ({ shift, specCode, scaleId, totals }));
  }
}
