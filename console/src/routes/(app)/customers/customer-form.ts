import type { CreateCustomerInput, CustomerType, IdKind } from '$lib/api/customer-types';

/** The new-customer form as typed. */
export interface CustomerFormValues {
  type: CustomerType;
  name: string;
  idKind: IdKind;
  idNumber: string;
  /** Up to 3, separated by commas, semicolons or new lines (a space may sit inside a number). */
  phones: string;
  supplyAddress: string;
}

/** What is wrong with a field; the form words it. The gateway checks the rest (phone digits, the ID's check character). */
export type CustomerFormProblem = 'nameMissing' | 'nameTooLong' | 'tooManyPhones';
export type CustomerFormErrors = Partial<Record<keyof CustomerFormValues, CustomerFormProblem>>;

export const MAX_PHONES = 3;
export const MAX_NAME_LENGTH = 100;

export const emptyCustomerForm = (): CustomerFormValues => ({
  type: 'RESIDENTIAL',
  name: '',
  idKind: 'RESIDENT_ID',
  idNumber: '',
  phones: '',
  supplyAddress: '',
});

export const parsePhones = (text: string): string[] => [
  ...new Set(
    text
      .split(/[,;，；\n]+/)
      .map((p) => p.trim())
      .filter(Boolean),
  ),
];

/** The `createCustomer` input; fields left empty are left out (the gateway issues the card number). */
export function toCreateCustomerInput(values: CustomerFormValues): { input: CreateCustomerInput } | { errors: CustomerFormErrors } {
  const errors: CustomerFormErrors = {};
  const name = values.name.trim();
  const phones = parsePhones(values.phones);
  if (!name) errors.name = 'nameMissing';
  else if (name.length > MAX_NAME_LENGTH) errors.name = 'nameTooLong';
  if (phones.length > MAX_PHONES) errors.phones = 'tooManyPhones';
  if (Object.keys(errors).length) return { errors };

  const input: CreateCustomerInput = { type: values.type, name };
  const idNumber = values.idNumber.trim();
  if (idNumber) Object.assign(input, { idKind: values.idKind, idNumber: idNumber.toUpperCase() });
  if (phones.length) input.phones = phones;
  if (values.supplyAddress.trim()) input.supplyAddress = values.supplyAddress.trim();
  return { input };
}
