import type { TopUpMethod } from '$lib/api/customer-types';

/** One top-up as sent: its idempotency key goes with exactly these fields. */
export interface TopUpAttempt {
  idempotencyKey: string;
  accountId: string;
  amountMinor: number;
  method: TopUpMethod;
}

/**
 * The attempt a submission sends. After a failure (a lost answer as much as a refusal) the clerk
 * presses again: the same account, amount and method are the same attempt and keep its key, so a
 * top-up that did land is not posted twice (the ledger answers `replayed`). Anything changed is a
 * new attempt with a new key; after a success the page forgets the attempt (`last` null).
 */
export function nextAttempt(last: TopUpAttempt | null, request: Omit<TopUpAttempt, 'idempotencyKey'>, newKey: () => string): TopUpAttempt {
  const same = last && last.accountId === request.accountId && last.amountMinor === request.amountMinor && last.method === request.method;
  return same ? last : { ...request, idempotencyKey: newKey() };
}
