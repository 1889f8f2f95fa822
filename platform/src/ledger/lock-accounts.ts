import type { Queryable } from '../db/database';
import { isUuid } from '../db/typeorm-helpers';
import { badInput, HearthError, notFound } from '../errors/hearth-error';
import { ACCOUNT_COLUMNS, toLedgerAccount, type AccountRow, type LedgerAccount } from './ledger-account';
import type { PostingLineRequest } from './posting';

/**
 * Locks the posting's accounts until the transaction ends, and checks the posting may move them:
 * every account the tenant's (NOT_FOUND), open and of one currency (BAD_USER_INPUT), and no debit
 * taking one below its credit limit (INSUFFICIENT_FUNDS). Locked in id order, the order every
 * posting locks in, so two postings over the same accounts wait for each other instead of
 * deadlocking; the balances read here then stay as read until this posting writes them.
 */
export async function lockAccounts(tx: Queryable, tenantId: string, lines: readonly PostingLineRequest[]): Promise<Map<string, LedgerAccount>> {
  const unknown = lines.find((line) => !isUuid(line.accountId));
  if (unknown) throw notFound('LedgerAccount', unknown.accountId);
  const rows = await tx.query<AccountRow>(
    `SELECT ${ACCOUNT_COLUMNS} FROM ledger.account WHERE tenant_id = $1 AND id = ANY($2::uuid[]) ORDER BY id FOR NO KEY UPDATE`,
    [tenantId, lines.map((line) => line.accountId)],
  );
  const accounts = new Map(rows.map((row) => [row.id, toLedgerAccount(row)]));
  const missing = lines.find((line) => !accounts.has(line.accountId));
  if (missing) throw notFound('LedgerAccount', missing.accountId);
  const currencies = new Set(rows.map((row) => row.currency));
  if (currencies.size > 1) throw badInput([{ field: 'lines', message: `all accounts must be of one currency; got ${[...currencies].join(', ')}` }]);
  lines.forEach(({ accountId, amountMinor }, i) => {
    const account = accounts.get(accountId)!;
    if (account.closedAt) throw badInput([{ field: `lines[${i}].accountId`, message: `account ${accountId} is closed` }]);
    const limit = account.creditLimitMinor;
    // Credits are never refused: money coming in can only help an account in debt.
    if (amountMinor < 0 && limit !== null && account.balanceMinor + amountMinor < -limit) {
      throw new HearthError(
        'INSUFFICIENT_FUNDS',
        `Account ${accountId} holds ${account.balanceMinor} with a credit limit of ${limit}; it cannot pay ${-amountMinor}. Nothing was posted.`,
        { accountId, balanceMinor: account.balanceMinor, creditLimitMinor: limit, amountMinor },
      );
    }
  });
  return accounts;
}
