import { describe, expect, it } from 'vitest';
import { nextAttempt } from './top-up';

const keys = () => {
  let n = 0;
  return () => `key-${++n}`;
};

describe('a top-up attempt', () => {
  const request = { accountId: 'a-1', amountMinor: 1234, method: 'CASH' as const };

  it('gets a new idempotency key when it is new', () => {
    const newKey = keys();
    expect(nextAttempt(null, request, newKey)).toEqual({ ...request, idempotencyKey: 'key-1' });
    expect(nextAttempt(null, request, newKey).idempotencyKey).toBe('key-2');
  });

  it('keeps its key when the same top-up is sent again after a failure', () => {
    const newKey = keys();
    const first = nextAttempt(null, request, newKey);
    expect(nextAttempt(first, { ...request }, newKey)).toBe(first);
  });

  it('is a new attempt once the amount, the method or the account changed', () => {
    const newKey = keys();
    const first = nextAttempt(null, request, newKey);
    expect(nextAttempt(first, { ...request, amountMinor: 1235 }, newKey).idempotencyKey).toBe('key-2');
    expect(nextAttempt(first, { ...request, method: 'ALIPAY' }, newKey).idempotencyKey).toBe('key-3');
    expect(nextAttempt(first, { ...request, accountId: 'a-2' }, newKey).idempotencyKey).toBe('key-4');
  });
});

describe('a deposit attempt', () => {
  const request = { direction: 'collect' as const, customerId: 'c-1', amountMinor: 15000, method: 'CASH' as const, note: '2 × YSP15' };

  it('keeps its key when sent again unchanged, and gets a new one when collecting turns to refunding', () => {
    const newKey = keys();
    const first = nextAttempt(null, request, newKey);
    expect(nextAttempt(first, { ...request }, newKey)).toBe(first);
    expect(nextAttempt(first, { ...request, direction: 'refund' }, newKey).idempotencyKey).toBe('key-2');
    expect(nextAttempt(first, { ...request, note: 'receipt 7' }, newKey).idempotencyKey).toBe('key-3');
  });
});
