import { isUniqueViolation, type Queryable } from '../db/database';
import { badInput, HearthError } from '../errors/hearth-error';
import { accountInputProblems } from './account-input-problems';
import { ACCOUNT_COLUMNS, toLedgerAccount, type AccountRow, type LedgerAccount, type LedgerAccountType } from './ledger-account';

export interface OpenAccountInput {
  tenantId: string;
  type: LedgerAccountType;
  /** ISO 4217 alphabetic code: `CNY`. */
  currency: string;
  name: string;
  /** `customer:<uuid>`. */
  ownerRef?: string | null;
  /** Left out: 0, the account may not go below zero. null: no limit (not for a customer wallet). */
  creditLimitMinor?: number | null;
  /** Names a system account; unique per tenant, type and currency (`systemAccount` finds it). */
  code?: string | null;
}

/** Opens an account with a zero balance. CONFLICT when an account of that type, currency and code exists. */
export async function openAccount(tx: Queryable, input: OpenAccountInput): Promise<LedgerAccount> {
  // The safe default: an account goes into debt only when its opener says how far.
  const creditLimitMinor = input.creditLimitMinor === undefined ? 0 : input.creditLimitMinor;
  const problems = accountInputProblems({ ...input, creditLimitMinor });
  if (problems.length > 0) throw badInput(problems);
  try {
    const [row] = await tx.query<AccountRow>(
      `INSERT INTO ledger.account (tenant_id, type, currency, code, owner_ref, name, credit_limit_minor)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${ACCOUNT_COLUMNS}`,
      [input.tenantId, input.type, input.currency, input.code ?? null, input.ownerRef ?? null, input.name, creditLimitMinor],
    );
    return toLedgerAccount(row!);
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    throw new HearthError('CONFLICT', `A ${input.type} account with code ${input.code} in ${input.currency} exists already.`, { field: 'code' });
  }
}
