import { z } from 'zod';
import { recordAudit } from '@hearth/platform/audit';
import { actorOf, HearthError, notFound, type CallerContext } from '@hearth/platform';
import { isUniqueViolation, isUuid, timeKeyedPage, type Database } from '@hearth/platform/db';
import { localDate, validateInput, type Connection } from '@hearth/platform/graphql';
import type { FillingOrder, FillingOrderFilter, FillingTotals, OpenFillingOrderInput } from './filling.types';

const ORDER_COLUMNS = `o.id::text, o.station_id::text AS "stationId", o.shift_date::text AS "shiftDate", o.shift, o.team, o.spec_code AS "specCode",
  o.planned_count AS "plannedCount", o.opened_at AS "openedAt", o.opened_by AS "openedBy", o.closed_at AS "closedAt", o.closed_by AS "closedBy"`;

const openSchema = z.object({
  stationId: z.uuid(),
  shiftDate: localDate,
  shift: z.string().trim().min(1).max(32),
  team: z.string().trim().min(1).max(64).nullish(),
  specCode: z.string().min(1).max(32),
  plannedCount: z.number().int().min(0).max(1_000_000).nullish(),
});
const filterSchema = z.object({ stationId: z.uuid().nullish(), shiftDate: localDate.nullish() });

/** Production filling orders (生产充装单): opened and closed by a station's supervisor; fills attach to them as they are taken in. */
export class FillingOrderService {
  constructor(private readonly db: Database) {}

  /** Opens an order: one open per station and spec (CONFLICT while another is). */
  async open(by: CallerContext, input: OpenFillingOrderInput): Promise<FillingOrder> {
    const v = validateInput(openSchema, input);
    const [station] = await this.db.query(`SELECT 1 FROM cylinders.filling_station WHERE tenant_id = $1 AND site_id = $2`, [by.tenantId, v.stationId]);
    if (!station) throw notFound('FillingStation', v.stationId);
    const [spec] = await this.db.query(`SELECT 1 FROM cylinders.spec WHERE tenant_id = $1 AND code = $2`, [by.tenantId, v.specCode]);
    if (!spec) throw notFound('CylinderSpec', v.specCode);
    try {
      return await this.db.transaction(async (tx) => {
        const [order] = await tx.query<FillingOrder>(
          `INSERT INTO cylinders.filling_order AS o (tenant_id, station_id, shift_date, shift, team, spec_code, planned_count, opened_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${ORDER_COLUMNS}`,
          [by.tenantId, v.stationId, v.shiftDate, v.shift, v.team ?? null, v.specCode, v.plannedCount ?? null, actorOf(by)],
        );
        await recordAudit(tx, by, { domain: 'cylinders', action: 'filling-order.opened', target: `filling-order:${order!.id}`, details: { ...v } });
        return order!;
      });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      throw new HearthError('CONFLICT', `An order for ${v.specCode} is already open at this station: close it first.`, {
        stationId: v.stationId,
        specCode: v.specCode,
      });
    }
  }

  /** Closes an open order: fills after now attach to no order until another is opened. Closing a closed one is a CONFLICT. */
  async close(by: CallerContext, id: string): Promise<FillingOrder> {
    if (!isUuid(id)) throw notFound('FillingOrder', id);
    const order = await this.db.transaction(async (tx) => {
      const [closed] = await tx.query<FillingOrder>(
        `UPDATE cylinders.filling_order o SET closed_at = now(), closed_by = $3 WHERE tenant_id = $1 AND id = $2 AND closed_at IS NULL RETURNING ${ORDER_COLUMNS}`,
        [by.tenantId, id, actorOf(by)],
      );
      if (closed) await recordAudit(tx, by, { domain: 'cylinders', action: 'filling-order.closed', target: `filling-order:${id}`, details: {} });
      return closed;
    });
    if (order) return order;
    const [exists] = await this.db.query(`SELECT 1 FROM cylinders.filling_order WHERE tenant_id = $1 AND id = $2`, [by.tenantId, id]);
    if (!exists) throw notFound('FillingOrder', id);
    throw new HearthError('CONFLICT', 'This filling order is closed already.', { id });
  }

  /** Orders, the latest opened first. */
  list(tenantId: string, filter: FillingOrderFilter, firstArg: number, after?: string | null): Promise<Connection<FillingOrder>> {
    const f = validateInput(filterSchema, { stationId: filter.stationId, shiftDate: filter.shiftDate });
    const params: unknown[] = [tenantId];
    const where = ['o.tenant_id = $1'];
    const add = (sql: string, value: unknown) => where.push(sql.replace('$?', `$${params.push(value)}`));
    if (f.stationId) add('o.station_id = $?::uuid', f.stationId);
    if (f.shiftDate) add('o.shift_date = $?::date', f.shiftDate);
    if (filter.open === true) where.push('o.closed_at IS NULL');
    if (filter.open === false) where.push('o.closed_at IS NOT NULL');
    return timeKeyedPage<FillingOrder>(
      this.db,
      { select: ORDER_COLUMNS, from: 'cylinders.filling_order o', where: where.join(' AND '), params, time: 'o.opened_at', id: 'o.id' },
      firstArg,
      after,
    );
  }

  /** What each order's fills add up to. */
  async totals(ids: readonly string[]): Promise<Map<string, FillingTotals>> {
    const rows = await this.db.query<FillingTotals & { id: string }>(
      `SELECT filling_order_id::text AS id, ${TOTALS} FROM cylinders.fill_record WHERE filling_order_id = ANY($1::uuid[]) GROUP BY filling_order_id`,
      [ids.filter(isUuid)],
    );
    const none: FillingTotals = { fills: 0, netKg: 0, overfills: 0, bypasses: 0, refused: 0 };
    const byId = new Map<string, FillingTotals>(ids.map((id) => [id, none]));
    for (const { id, ...totals } of rows) byId.set(id, totals);
    return byId;
  }
}

/** The totals of a group of fill records (`FillingTotals`). */
export const TOTALS = `count(*)::int AS fills, coalesce(sum(net_kg), 0)::float8 AS "netKg", (count(*) FILTER (WHERE overfill))::int AS overfills,
  (count(*) FILTER (WHERE NOT released))::int AS bypasses, (count(*) FILTER (WHERE refusal IS NOT NULL))::int AS refused`;
