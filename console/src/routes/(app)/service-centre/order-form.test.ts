import { describe, expect, it } from 'vitest';
import type { CustomerChoice } from '$lib/api/service-order-types';
import { emptyOrderForm, localDay, phoneValid, toCreateServiceOrderInput } from './order-form';

const customer: CustomerChoice = { id: 'c1', name: '黄伟', cardNumber: 'C-1', phones: ['138****0001'], supplyAddress: null, blacklistedAt: null };

describe('the new service order form', () => {
  it('books a delivery for a customer on a day and slot, with its cylinders', () => {
    const values = { ...emptyOrderForm(), customer, requestedDate: '2026-03-02', timeSlot: '09:00-12:00', cylinderSpec: ' YSP35.5 ', quantity: 2, notes: ' ' };
    expect(toCreateServiceOrderInput(values)).toEqual({
      input: { type: 'DELIVERY', customerId: 'c1', requestedDate: '2026-03-02', timeSlot: '09:00-12:00', cylinderSpec: 'YSP35.5', quantity: 2 },
    });
  });

  it('needs a customer, a day and a slot for a delivery', () => {
    expect(toCreateServiceOrderInput(emptyOrderForm())).toEqual({
      errors: { customer: 'customerMissing', requestedDate: 'dateMissing', timeSlot: 'slotMissing' },
    });
  });

  it('takes a gas smell from anyone, with the address when there is no customer', () => {
    const gas = { ...emptyOrderForm(), type: 'GAS_SMELL' as const, requestedDate: '2026-03-02', cylinderSpec: 'YSP35.5' };
    expect(toCreateServiceOrderInput(gas)).toEqual({ errors: { address: 'addressMissing' } });
    expect(toCreateServiceOrderInput({ ...gas, address: '3 Canal Lane', phone: '139 1234 5678' })).toEqual({
      input: { type: 'GAS_SMELL', address: '3 Canal Lane', phone: '139 1234 5678' },
    });
  });

  it('asks for both the day and the slot of a pick-up, or neither', () => {
    const pickup = { ...emptyOrderForm(), type: 'PICKUP' as const, customer };
    expect(toCreateServiceOrderInput({ ...pickup, requestedDate: '2026-03-02' })).toEqual({ errors: { timeSlot: 'slotMissing' } });
    expect(toCreateServiceOrderInput(pickup)).toEqual({ input: { type: 'PICKUP', customerId: 'c1', quantity: 1 } });
  });

  it('checks a phone number and a quantity as the service would', () => {
    expect(phoneValid('+86 (138) 0000-0001')).toBe(true);
    expect(phoneValid('12345')).toBe(false);
    expect(phoneValid('138-abc')).toBe(false);
    const bad = { ...emptyOrderForm(), customer, requestedDate: '2026-03-02', timeSlot: '09:00-12:00', phone: '12', quantity: 100 };
    expect(toCreateServiceOrderInput(bad)).toEqual({ errors: { phone: 'phoneInvalid', quantity: 'quantityInvalid' } });
  });

  it('writes a day in the browser’s time zone', () => {
    expect(localDay(new Date(2026, 2, 9, 23, 30))).toBe('2026-03-09');
  });
});
