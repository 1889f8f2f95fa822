import { badInput, type CallerContext, actorOf } from '@hearth/platform';
import { assertTenantSites, timeKeyedPage, type Queryable } from '@hearth/platform/db';
import type { Connection } from '@hearth/platform/graphql';
import { storeDrawer } from '@hearth/platform/ledger';

export interface StoreCashCloseRow {
  id: string;
  storeId: string;
  fromAt: Date | null;
  closedAt: Date;
  expectedMinor: number;
  countedMinor: number;
  closedBy: string;
  note: string | null;
}

const COLUMNS = `id, store_id AS "storeId", from_at AS "fromAt", closed_at AS "closedAt", expected_minor::float8 AS "expectedMinor",
  counted_minor::float8 AS "countedMinor", closed_by AS "closedBy", note`;

/**
 * Closes a store's drawer: what the ledger put in it since the previous close (cash in is a
 * negative line on the drawer, so the expected cash is minus their sum) beside what was counted.
 * The drawer's row is locked first, as every posting to it locks it: a posting lands wholly before
 * the close or after it, never astride.
 */
export async function closeStoreCash(tx: Queryable, by: CallerContext, storeId: string, countedMinor: number, note: string | null): Promise<StoreCashCloseRow> {
  await assertTenantSites(tx, by.tenantId, [storeId]);
  const drawer = await storeDrawer(tx, by.tenantId, storeId);
  await tx.query('SELECT 1 FROM ledger.account WHERE id = $1 FOR UPDATE', [drawer.id]);
  const [last] = await tx.query<{ closedAt: Date }>(
    `SELECT closed_at AS "closedAt" FROM customers.store_cash_close WHERE tenant_id = $1 AND store_id = $2 ORDER BY closed_at DESC, id DESC LIMIT 1`,
    [by.tenantId, storeId],
  );
  const [row] = await tx.query<StoreCashCloseRow>(
    `INSERT INTO customers.store_cash_close (tenant_id, store_id, drawer_account_id, from_at, closed_at, expected_minor, counted_minor, closed_by, note)
     SELECT $1, $2, $3, $4::timestamptz, now, coalesce(-sum(e.amount_minor), 0), $5, $6, $7
       FROM (SELECT clock_timestamp() AS now) AS t
       LEFT JOIN ledger.entry AS e ON e.account_id = $3 AND e.tenant_id = $1 AND ($4::timestamptz IS NULL OR e.created_at > $4::timestamptz) AND e.created_at <= t.now
      GROUP BY now
     RETURNING ${COLUMNS}`,
    [by.tenantId, storeId, drawer.id, last?.closedAt ?? null, countedMinor, actorOf(by), note],
  );
  return row!;
}

/** A store's closes, newest first, a page at a time (keyset on close time and id). */
export function storeCashCloses(
  q: Queryable,
  tenantId: string,
  storeId: string,
  firstArg: number,
  after?: string | null,
): Promise<Connection<StoreCashCloseRow>> {
  return timeKeyedPage<StoreCashCloseRow>(
    q,
    {
      select: COLUMNS,
      from: 'customers.store_cash_close',
      where: 'tenant_id = $1 AND store_id = $2',
      params: [tenantId, storeId],
      time: 'closed_at',
      id: 'id',
    },
    firstArg,
    after,
  );
}
