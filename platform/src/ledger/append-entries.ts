import type { Queryable } from '../db/database';
import { minorUnits } from './minor-units';
import type { PostingLine, PostingLineRequest } from './posting';

/**
 * Moves the balances and appends the entries, in one statement: the balance each entry records is
 * the one its update left. The credit limit is checked again where the balance changes, so no
 * update can take an account below it whatever the caller checked before; an account left out
 * means the transaction must roll back.
 */
export async function appendEntries(tx: Queryable, tenantId: string, journalId: string, lines: readonly PostingLineRequest[]): Promise<PostingLine[]> {
  const rows = await tx.query<{ entryId: string; accountId: string; amountMinor: unknown; balanceAfterMinor: unknown }>(
    `WITH line AS (
       SELECT * FROM unnest($3::uuid[], $4::bigint[]) AS l(account_id, amount_minor)
     ), moved AS (
       UPDATE ledger.account AS a SET balance_minor = a.balance_minor + line.amount_minor
       FROM line
       WHERE a.id = line.account_id AND a.tenant_id = $1::uuid AND a.closed_at IS NULL
         AND (a.credit_limit_minor IS NULL OR line.amount_minor >= 0 OR a.balance_minor + line.amount_minor >= -a.credit_limit_minor)
       RETURNING a.id, a.balance_minor
     )
     INSERT INTO ledger.entry (tenant_id, journal_id, account_id, amount_minor, balance_after_minor)
     SELECT $1::uuid, $2::uuid, line.account_id, line.amount_minor, moved.balance_minor FROM line JOIN moved ON moved.id = line.account_id
     RETURNING id AS "entryId", account_id AS "accountId", amount_minor AS "amountMinor", balance_after_minor AS "balanceAfterMinor"`,
    [tenantId, journalId, lines.map((line) => line.accountId), lines.map((line) => line.amountMinor)],
  );
  const byAccount = new Map(rows.map((row) => [row.accountId, row]));
  return lines.map(({ accountId }) => {
    const row = byAccount.get(accountId);
    if (!row) throw new Error(`Ledger: account ${accountId} refused its line after it was checked; the transaction must roll back.`);
    return {
      entryId: row.entryId,
      accountId,
      amountMinor: minorUnits(row.amountMinor, 'amount'),
      balanceAfterMinor: minorUnits(row.balanceAfterMinor, 'balance after'),
    };
  });
}
