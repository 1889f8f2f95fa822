import type { ContractBilling, ContractPayment, RecordContractInput } from '$lib/api/customer-types';
import { parseAmount, type AmountProblem } from '../../../lib/money';
import { localToday, yearFrom } from './local-date';

/** The contract form as typed; the credit limit in the major unit (yuan). */
export interface ContractFormValues {
  number: string;
  validFrom: string;
  validUntil: string;
  payment: ContractPayment;
  creditLimit: string;
  billing: ContractBilling;
}

export type ContractFormProblem = 'numberInvalid' | 'dateMissing' | 'untilNotAfterFrom' | AmountProblem;
export type ContractFormErrors = Partial<Record<keyof ContractFormValues, ContractFormProblem>>;

/** The service's rule for contract and permit numbers. */
export const DOCUMENT_NUMBER = /^[A-Za-z0-9-]{3,40}$/;

export const emptyContractForm = (today = localToday()): ContractFormValues => ({
  number: '',
  validFrom: today,
  validUntil: yearFrom(today),
  payment: 'PREPAID',
  creditLimit: '',
  billing: 'BY_CYLINDER',
});

/** The `recordContract` input; a credit limit only for CREDIT (the service refuses one on a prepaid contract). */
export function toRecordContractInput(values: ContractFormValues, digits: number): { input: RecordContractInput } | { errors: ContractFormErrors } {
  const errors: ContractFormErrors = {};
  const number = values.number.trim();
  if (!DOCUMENT_NUMBER.test(number)) errors.number = 'numberInvalid';
  if (!values.validFrom) errors.validFrom = 'dateMissing';
  if (!values.validUntil) errors.validUntil = 'dateMissing';
  else if (values.validFrom && values.validUntil <= values.validFrom) errors.validUntil = 'untilNotAfterFrom';
  const limit = values.payment === 'CREDIT' ? parseAmount(values.creditLimit, digits) : null;
  if (limit && 'problem' in limit) errors.creditLimit = limit.problem;
  if (Object.keys(errors).length) return { errors };

  const input: RecordContractInput = { number, validFrom: values.validFrom, validUntil: values.validUntil, payment: values.payment, billing: values.billing };
  if (limit && 'minor' in limit) input.creditLimitMinor = limit.minor;
  return { input };
}
