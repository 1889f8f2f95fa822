import { describe, expect, it } from 'vitest';
import { emptyContractForm, toRecordContractInput } from './contract-form';

describe('the contract form', () => {
  const form = { ...emptyContractForm('2025-03-01'), number: 'HT-2025-001' };

  it('runs a year from today by default and sends a prepaid contract without a limit', () => {
    expect(toRecordContractInput(form, 2)).toEqual({
      input: { number: 'HT-2025-001', validFrom: '2025-03-01', validUntil: '2026-02-28', payment: 'PREPAID', billing: 'BY_CYLINDER' },
    });
  });

  it('sends a credit limit typed in yuan as whole fen, and only for a credit contract', () => {
    const credit = toRecordContractInput({ ...form, payment: 'CREDIT', creditLimit: '5,000.50' }, 2);
    expect(credit).toMatchObject({ input: { payment: 'CREDIT', creditLimitMinor: 500050 } });
    expect(toRecordContractInput({ ...form, creditLimit: '5000' }, 2)).not.toHaveProperty('input.creditLimitMinor');
  });

  it('names what is wrong: the number, the dates out of order, a credit contract without its limit', () => {
    expect(toRecordContractInput({ ...form, number: 'H 1', validUntil: '2025-03-01', payment: 'CREDIT' }, 2)).toEqual({
      errors: { number: 'numberInvalid', validUntil: 'untilNotAfterFrom', creditLimit: 'invalid' },
    });
  });
});
