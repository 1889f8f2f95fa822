import type { Queryable } from '../db/database';
import { badInput } from '../errors/hearth-error';
import { accountInputProblems } from './account-input-problems';
import { ACCOUNT_COLUMNS, toLedgerAccount, type AccountRow, type LedgerAccount, type LedgerAccountType } from './ledger-account';

const FIND = `SELECT ${ACCOUNT_COLUMNS} FROM ledger.account WHERE tenant_id = $1 AND type = $2 AND currency = $3 AND code = $4`;

/**
 * The tenant's system account of that type, currency and code (its clearing or revenue account),
 * opened on first use with no credit limit. Safe when callers race to open it: the insert does
 * nothing when another got there first (waiting for it to commit), and the read after it, a
 * statement of its own, sees the winner's row.
 */
export async function systemAccount(tx: Queryable, tenantId: string, type: LedgerAccountType, currency: string, code = 'MAIN'): Promise<LedgerAccount> {
  const params = [tenantId, type, currency, code];
  const [found] = await tx.query<AccountRow>(FIND, params);
  if (found) return toLedgerAccount(found);
  const name = `${type} ${code}`;
  const problems = accountInputProblems({ type, currency, name, code, creditLimitMinor: null });
  if (problems.length > 0) throw badInput(problems);
  await tx.query(
    `INSERT INTO ledger.account (tenant_id, type, currency, code, name, credit_limit_minor) VALUES ($1, $2, $3, $4, $5, NULL)
     ON CONFLICT (tenant_id, type, code, currency) WHERE code IS NOT NULL DO NOTHING`,
    [...params, name],
  );
  const [row] = await tx.query<AccountRow>(FIND, params);
  return toLedgerAccount(row!);
}
