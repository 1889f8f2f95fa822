import type { Queryable } from '../db/database';
import { minorUnits } from './minor-units';

/** The two sums that are zero in healthy books: of every entry, and of every account's balance. */
export interface BooksBalance {
  sumOfEntriesMinor: number;
  sumOfBalancesMinor: number;
}

/**
 * A tenant's trial balance. Every posting sums to zero, so its entries do; every balance is the sum
 * of its account's entries, so the balances do too. Anything else is a bug worth an alarm.
 */
export async function booksBalance(q: Queryable, tenantId: string): Promise<BooksBalance> {
  const [row] = await q.query<{ entries: string; balances: string }>(
    `SELECT (SELECT coalesce(sum(amount_minor), 0)::text FROM ledger.entry WHERE tenant_id = $1) AS entries,
       (SELECT coalesce(sum(balance_minor), 0)::text FROM ledger.account WHERE tenant_id = $1) AS balances`,
    [tenantId],
  );
  return { sumOfEntriesMinor: minorUnits(row!.entries, 'sum of entries'), sumOfBalancesMinor: minorUnits(row!.balances, 'sum of balances') };
}
