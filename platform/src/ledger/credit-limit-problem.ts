import type { FieldProblem } from '../errors/hearth-error';
import type { LedgerAccountType } from './ledger-account';

/**
 * What is wrong with a credit limit for an account of `type`, or null. A limit is a safe integer of
 * minor units, 0 or more; null means no limit, which only the company's own accounts may have: a
 * customer's wallet must say how far it may go into debt (0: not at all).
 */
export function creditLimitProblem(type: LedgerAccountType, limit: number | null): FieldProblem | null {
  const field = 'creditLimitMinor';
  if (limit === null) return type === 'CUSTOMER_WALLET' ? { field, message: 'a customer wallet needs a credit limit (0 or more)' } : null;
  if (!Number.isSafeInteger(limit) || limit < 0) return { field, message: `must be a whole number of minor units, 0 or more; got ${limit}` };
  return null;
}
