import { badInput, type CallerContext, actorOf } from '@hearth/platform';
import { isUuid, keysetCount, keysetPage, timeKeyAfter, timeKeySql, type KeysetQuery, type Queryable } from '@hearth/platform/db';
import { checkPageSize, decodeCursor, toConnection, type Connection } from '@hearth/platform/graphql';
import { systemAccount, type LedgerAccount } from '@hearth/platform/ledger';
import { WALLET_CURRENCY } from '../customer/customer.service';
import { assertTenantSites } from '../customer/tenant-sites';

/**
 * A store's cash drawer: where cash taken at its counter is booked (the ledger's CASH account
 * `STORE:<site>`); cash taken without a store (the head office's cashier) goes to `HEAD_OFFICE`.
 */
export const storeDrawer = (tx: Queryable, tenantId: string, storeId: string | null): Promise<LedgerAccount> =>
  systemAccount(tx, tenantId, 'CASH', WALLET_CURRENCY, storeId ? `STORE:${storeId}` : 'HEAD_OFFICE');

/** Where money of `method` is booked on the company's side: a drawer for cash, else the channel's clearing account. */
export async function moneyChannel(tx: Queryable, tenantId: string, method: string, storeId: string | null | undefined): Promise<LedgerAccount> {
  if (method === 'CASH') {
    await assertTenantSites(tx, tenantId, [storeId]);
    return storeDrawer(tx, tenantId, storeId ?? null);
  }
  if (storeId) throw badInput([{ field: 'storeId', message: 'only cash is booked to a store’s drawer' }]);
  return systemAccount(tx, tenantId, 'CLEARING', WALLET_CURRENCY, method);
}

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
export async function storeCashCloses(
  q: Queryable,
  tenantId: string,
  storeId: string,
  firstArg: number,
  after?: string | null,
): Promise<Connection<StoreCashCloseRow>> {
  const first = checkPageSize(firstArg);
  const query: KeysetQuery = {
    select: `${COLUMNS}, ${timeKeySql('closed_at')} AS "atKey"`,
    from: 'customers.store_cash_close',
    where: 'tenant_id = $1 AND store_id = $2',
    params: [tenantId, storeId],
    key: [
      { column: 'closed_at', type: 'timestamptz' },
      { column: 'id', type: 'uuid' },
    ],
    direction: 'DESC',
  };
  const cursor = after ? timeKeyAfter(decodeCursor(after, 2), isUuid) : undefined;
  const rows = await keysetPage<StoreCashCloseRow & { atKey: string }>(q, query, first + 1, cursor);
  return toConnection(
    rows,
    first,
    await keysetCount(q, query),
    Boolean(after),
    (r) => [r.atKey, r.id],
    ({ atKey: _atKey, ...row }) => row,
  );
}
