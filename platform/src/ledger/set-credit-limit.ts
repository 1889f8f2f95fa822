import type { Queryable } from '../db/database';
import { isUuid } from '../db/typeorm-helpers';
import { badInput, notFound } from '../errors/hearth-error';
import { creditLimitProblem } from './credit-limit-problem';
import { ACCOUNT_COLUMNS, toLedgerAccount, type AccountRow, type LedgerAccount, type LedgerAccountType } from './ledger-account';

/**
 * Sets how far below zero the account may go (null: no limit, not for a customer wallet). A limit
 * under a balance already below it is allowed: it refuses further charges, and touches no money.
 */
export async function setCreditLimit(tx: Queryable, tenantId: string, accountId: string, limit: number | null): Promise<LedgerAccount> {
  if (!isUuid(accountId)) throw notFound('LedgerAccount', accountId);
  // The type decides whether null is allowed: read under the same lock the posting takes.
  const [current] = await tx.query<{ type: LedgerAccountType }>('SELECT type FROM ledger.account WHERE id = $1 AND tenant_id = $2 FOR NO KEY UPDATE', [
    accountId,
    tenantId,
  ]);
  if (!current) throw notFound('LedgerAccount', accountId);
  const problem = creditLimitProblem(current.type, limit);
  if (problem) throw badInput([problem]);
  const [row] = await tx.query<AccountRow>(`UPDATE ledger.account SET credit_limit_minor = $3 WHERE id = $1 AND tenant_id = $2 RETURNING ${ACCOUNT_COLUMNS}`, [
    accountId,
    tenantId,
    limit,
  ]);
  return toLedgerAccount(row!);
}
