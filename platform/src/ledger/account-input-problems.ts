import type { FieldProblem } from '../errors/hearth-error';
import { creditLimitProblem } from './credit-limit-problem';
import { LEDGER_ACCOUNT_TYPES, type LedgerAccountType } from './ledger-account';

const CURRENCY = /^[A-Z]{3}$/;

/** What is wrong with the fields of an account to open (none: an empty list). */
export function accountInputProblems(input: {
  type: LedgerAccountType;
  currency: string;
  name: string;
  code?: string | null;
  creditLimitMinor: number | null;
}): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!LEDGER_ACCOUNT_TYPES.includes(input.type)) problems.push({ field: 'type', message: `must be one of ${LEDGER_ACCOUNT_TYPES.join(', ')}` });
  if (!CURRENCY.test(input.currency)) problems.push({ field: 'currency', message: 'must be an ISO 4217 code of three capital letters, such as CNY' });
  if (input.name.trim() === '') problems.push({ field: 'name', message: 'must not be empty' });
  if (input.code === '') problems.push({ field: 'code', message: 'must not be empty; leave it out for a customer account' });
  const limit = creditLimitProblem(input.type, input.creditLimitMinor);
  if (limit) problems.push(limit);
  return problems;
}
