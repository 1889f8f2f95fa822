import { describe, expect, it } from 'vitest';
import { emptyCustomerForm, toCreateCustomerInput } from './customer-form';

describe('the new-customer form', () => {
  it('sends what was typed, trimmed, and leaves empty fields out', () => {
    const values = { ...emptyCustomerForm(), name: ' 黄小明 ', idNumber: '11010519491231002x', phones: '13800000003， 138 0000 0004\n', supplyAddress: '' };
    expect(toCreateCustomerInput(values)).toEqual({
      input: { type: 'RESIDENTIAL', name: '黄小明', idKind: 'RESIDENT_ID', idNumber: '11010519491231002X', phones: ['13800000003', '138 0000 0004'] },
    });
    expect(toCreateCustomerInput({ ...emptyCustomerForm(), type: 'COMMERCIAL', name: 'Canal Lane Teahouse' })).toEqual({
      input: { type: 'COMMERCIAL', name: 'Canal Lane Teahouse' },
    });
  });

  it('asks for a name and at most three phones', () => {
    expect(toCreateCustomerInput({ ...emptyCustomerForm(), phones: '1111111;2222222;3333333;4444444' })).toEqual({
      errors: { name: 'nameMissing', phones: 'tooManyPhones' },
    });
  });
});
