import { isUuid, timeKeyedPage, type Queryable } from '@hearth/platform/db';
import type { Connection } from '@hearth/platform/graphql';
import { badInput } from '@hearth/platform';
import { HANDOVER_COLUMNS, type HandoverRow } from './handover-rows';
import type { CylinderHandoverFilter } from './handover.input';
import type { CylinderHandover, CylinderRotation, OutstandingDeposit, ShortWeightReport } from './handover.types';

/** Hand-overs newest first, a page at a time (keyset on the hand-over time and id). */
export async function listHandovers(
  q: Queryable,
  tenantId: string,
  filter: CylinderHandoverFilter,
  firstArg: number,
  after?: string | null,
): Promise<Connection<CylinderHandover>> {
  const params: unknown[] = [tenantId];
  const where = ['h.tenant_id = $1'];
  for (const [field, column] of [
    ['customerId', 'customer_id'],
    ['storeId', 'store_id'],
    ['cylinderId', 'cylinder_id'],
  ] as const) {
    const value = filter[field];
    if (!value) continue;
    // An id that is no uuid names nothing: an empty page, as an unknown id gives.
    if (!isUuid(value)) where.push('false');
    else where.push(`h.${column} = $${params.push(value)}`);
  }
  if (filter.shortWeightOnly) where.push('h.short_weight');
  const page = await timeKeyedPage<HandoverRow>(
    q,
    { select: HANDOVER_COLUMNS, from: 'cylinders.handover h', where: where.join(' AND '), params, time: 'h.handed_at', id: 'h.id' },
    firstArg,
    after,
  );
  return { ...page, edges: page.edges.map((e) => ({ ...e, node: { ...e.node, replayed: false } })) };
}

/** Per customer: cylinders held now, open and overdue loans, and the deposits their ledger account holds. */
export function outstandingDeposits(q: Queryable, tenantId: string, customerId: string | null, limit: number): Promise<OutstandingDeposit[]> {
  if (customerId && !isUuid(customerId)) return Promise.resolve([]);
  return q.query<OutstandingDeposit>(
    `SELECT c.id::text AS "customerId", c.card_number AS "cardNumber", coalesce(held.n, 0)::int AS "cylindersHeld",
            coalesce(loans.n, 0)::int AS "openLoans", coalesce(loans.overdue, 0)::int AS "overdueLoans",
            coalesce(a.balance_minor, 0)::float8 AS "depositsHeldMinor"
       FROM customers.customer c
       LEFT JOIN ledger.account a ON a.id = c.deposit_account_id AND a.tenant_id = c.tenant_id
       LEFT JOIN (SELECT holder_customer_id AS id, count(*) AS n FROM cylinders.cylinder
                   WHERE tenant_id = $1 AND holder_customer_id IS NOT NULL GROUP BY 1) held ON held.id = c.id
       LEFT JOIN (SELECT customer_id AS id, count(*) AS n, count(*) FILTER (WHERE loan_due_on < current_date) AS overdue FROM cylinders.handover
                   WHERE tenant_id = $1 AND kind = 'LOAN' AND returned_at IS NULL GROUP BY 1) loans ON loans.id = c.id
      WHERE c.tenant_id = $1 AND ($2::uuid IS NULL OR c.id = $2::uuid)
        AND (held.n > 0 OR loans.n > 0 OR coalesce(a.balance_minor, 0) <> 0)
      ORDER BY c.card_number LIMIT $3`,
    [tenantId, customerId, limit],
  );
}

/**
 * How cylinders turn over, at one store or all: days at customers over hand-overs (open ones until
 * now), cylinders per holding customer, and cylinders in stock untouched for more than `idleDays`
 * (their last move, `updated_at`, as `moveCylinders` sets it).
 */
export async function cylinderRotation(q: Queryable, tenantId: string, siteId: string | null, idleDays: number): Promise<CylinderRotation> {
  if (siteId && !isUuid(siteId)) throw badInput([{ field: 'siteId', message: 'not a site id' }]);
  if (!Number.isInteger(idleDays) || idleDays < 1 || idleDays > 3650) throw badInput([{ field: 'idleDays', message: 'between 1 and 3650' }]);
  const [days] = await q.query<{ n: number; avg: number | null; max: number | null }>(
    `SELECT count(*)::int AS n, avg(d)::float8 AS avg, max(d)::float8 AS max
       FROM (SELECT extract(epoch FROM coalesce(returned_at, now()) - handed_at) / 86400 AS d
               FROM cylinders.handover WHERE tenant_id = $1 AND ($2::uuid IS NULL OR store_id = $2::uuid)) t`,
    [tenantId, siteId],
  );
  const [holding] = await q.query<{ cylinders: number; customers: number }>(
    `SELECT count(*)::int AS cylinders, count(DISTINCT c.holder_customer_id)::int AS customers
       FROM cylinders.cylinder c WHERE c.tenant_id = $1 AND c.state = 'AT_CUSTOMER'
        AND ($2::uuid IS NULL OR EXISTS (SELECT 1 FROM cylinders.handover h
              WHERE h.tenant_id = $1 AND h.cylinder_id = c.id AND h.returned_at IS NULL AND h.store_id = $2::uuid))`,
    [tenantId, siteId],
  );
  const idleWhere = `tenant_id = $1 AND state IN ('EMPTY_STOCK', 'FILLED', 'FULL_STOCK', 'RETURNED') AND ($2::uuid IS NULL OR location_site_id = $2::uuid)
      AND updated_at < now() - make_interval(days => $3)`;
  const [idleCount] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM cylinders.cylinder WHERE ${idleWhere}`, [tenantId, siteId, idleDays]);
  const idle = await q.query<CylinderRotation['idle'][number]>(
    `SELECT id::text, serial, state, location_site_id::text AS "siteId", updated_at AS since FROM cylinders.cylinder WHERE ${idleWhere}
      ORDER BY updated_at, id LIMIT 50`,
    [tenantId, siteId, idleDays],
  );
  const cylinders = holding?.cylinders ?? 0;
  const customers = holding?.customers ?? 0;
  return {
    handovers: days?.n ?? 0,
    avgDaysAtCustomer: days?.avg ?? null,
    maxDaysAtCustomer: days?.max ?? null,
    cylindersAtCustomers: cylinders,
    customersHolding: customers,
    cylindersPerCustomer: customers > 0 ? cylinders / customers : null,
    idleDays,
    idleCount: idleCount?.n ?? 0,
    idle,
  };
}

/** Weighed hand-overs in [from, to), by store and by driver: how many, how many short, and the gas missing. */
export async function shortWeightReport(q: Queryable, tenantId: string, from: Date, to: Date): Promise<ShortWeightReport> {
  if (!(from < to)) throw badInput([{ field: 'to', message: 'must be after from' }]);
  const group = (column: string) =>
    q.query<ShortWeightReport['byStore'][number]>(
      `SELECT ${column} AS key, count(*)::int AS weighed, count(*) FILTER (WHERE short_weight)::int AS short,
              coalesce(sum(short_kg) FILTER (WHERE short_weight), 0)::float8 AS "shortKg"
         FROM cylinders.handover WHERE tenant_id = $1 AND handed_at >= $2 AND handed_at < $3 AND gross_kg IS NOT NULL
        GROUP BY 1 ORDER BY 3 DESC, 1 NULLS LAST`,
      [tenantId, from, to],
    );
  return { byStore: await group('store_id::text'), byDriver: await group('driver') };
}
