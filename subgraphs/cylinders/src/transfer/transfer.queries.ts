import type { DataSource } from 'typeorm';
import { findByIds, isUuid, timeKeyedPage, type Database } from '@hearth/platform/db';
import { validateInput, type Connection } from '@hearth/platform/graphql';
import { filterSchema, type TransferOrderFilter } from './transfer.input';
import { TransferOrder } from './transfer-order.entity';
import type { TransferDiscrepancy, TransferLine, TransferScan } from './transfer.types';

/** Groups rows by their order, every asked order present (empty when it has none). */
function byOrder<R extends { orderId: string }>(ids: readonly string[], rows: R[]): Map<string, Omit<R, 'orderId'>[]> {
  const map = new Map<string, Omit<R, 'orderId'>[]>(ids.map((id) => [id, []]));
  for (const { orderId, ...row } of rows) map.get(orderId)?.push(row);
  return map;
}

/** Reads of transfer orders, every one within the caller's tenant. */
export class TransferQueries {
  constructor(
    private readonly db: Database,
    private readonly data: DataSource,
  ) {}

  byIds(tenantId: string, ids: readonly string[]): Promise<Map<string, TransferOrder>> {
    return findByIds(this.data.getRepository(TransferOrder), tenantId, ids);
  }

  /** A page of orders, newest first. */
  async list(tenantId: string, filter: TransferOrderFilter, firstArg: number, after: string | null | undefined): Promise<Connection<TransferOrder>> {
    const { siteId } = validateInput(filterSchema, { siteId: filter.siteId });
    const params: unknown[] = [tenantId];
    const where = ['o.tenant_id = $1'];
    const add = (sql: string, value: unknown) => where.push(sql.replaceAll('$?', `$${params.push(value)}`));
    if (filter.state) add('o.state = $?', filter.state);
    if (siteId) add('(o.from_site_id = $? OR o.to_site_id = $?)', siteId);
    if (filter.since) add('o.created_at >= $?::timestamptz', filter.since);
    const page = await timeKeyedPage<{ id: string }>(
      this.db,
      { select: 'o.id::text AS id', from: 'cylinders.transfer_order o', where: where.join(' AND '), params, time: 'o.created_at', id: 'o.id' },
      firstArg,
      after,
    );
    const orders = await this.byIds(
      tenantId,
      page.edges.map((e) => e.node.id),
    );
    return { ...page, edges: page.edges.map((e) => ({ ...e, node: orders.get(e.node.id)! })) };
  }

  async lines(tenantId: string, ids: readonly string[]): Promise<Map<string, TransferLine[]>> {
    const rows = await this.db.query<TransferLine & { orderId: string }>(
      `SELECT l.order_id::text AS "orderId", l.spec_code AS "specCode", l.planned,
              count(s.cylinder_id)::int AS loaded, count(s.cylinder_id) FILTER (WHERE s.received)::int AS received
         FROM cylinders.transfer_line l LEFT JOIN cylinders.transfer_scan s ON s.order_id = l.order_id AND s.spec_code = l.spec_code
        WHERE l.tenant_id = $1 AND l.order_id = ANY($2::uuid[])
        GROUP BY l.order_id, l.spec_code, l.planned ORDER BY l.spec_code`,
      [tenantId, ids.filter(isUuid)],
    );
    return byOrder(ids, rows);
  }

  async scans(tenantId: string, ids: readonly string[]): Promise<Map<string, TransferScan[]>> {
    const rows = await this.db.query<TransferScan & { orderId: string }>(
      `SELECT s.order_id::text AS "orderId", s.cylinder_id::text AS "cylinderId", c.serial, c.tag, s.spec_code AS "specCode",
              s.scanned_at AS "scannedAt", s.scanned_by AS "scannedBy", s.received
         FROM cylinders.transfer_scan s JOIN cylinders.cylinder c ON c.id = s.cylinder_id
        WHERE s.tenant_id = $1 AND s.order_id = ANY($2::uuid[]) ORDER BY s.scanned_at, c.serial`,
      [tenantId, ids.filter(isUuid)],
    );
    return byOrder(ids, rows);
  }

  async discrepancies(tenantId: string, ids: readonly string[]): Promise<Map<string, TransferDiscrepancy[]>> {
    const rows = await this.db.query<TransferDiscrepancy & { orderId: string }>(
      `SELECT d.order_id::text AS "orderId", d.id::text, d.kind, d.cylinder_id::text AS "cylinderId", c.serial, d.spec_code AS "specCode", d.note,
              d.recorded_at AS "recordedAt", d.recorded_by AS "recordedBy"
         FROM cylinders.transfer_discrepancy d JOIN cylinders.cylinder c ON c.id = d.cylinder_id
        WHERE d.tenant_id = $1 AND d.order_id = ANY($2::uuid[]) ORDER BY c.serial`,
      [tenantId, ids.filter(isUuid)],
    );
    return byOrder(ids, rows);
  }
}
