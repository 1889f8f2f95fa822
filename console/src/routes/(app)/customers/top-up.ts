import type { DepositInput, TopUpMethod } from '$lib/api/customer-types';

/** One top-up as sent: its idempotency key goes with exactly these fields. */
export interface TopUpAttempt {
  idempotencyKey: string;
  accountId: string;
  amountMinor: number;
  method: TopUpMethod;
}

/** One deposit paid in (`collect`) or back (`refund`), keyed like a top-up. */
export type DepositAttempt = DepositInput & { direction: 'collect' | 'refund' };

/**
 * The attempt a submission sends. After a failure (a lost answer as much as a refusal) the clerk
 * presses again: the same fields are the same attempt and keep its key, so a posting that did
 * land is not posted twice (the ledger answers `replayed`). Anything changed is a new attempt with
 * a new key; after a success the page forgets the attempt (`last` null).
 */
export function nextAttempt<R extends object>(last: (R & { idempotencyKey: string }) | null, request: R, newKey: () => string): R & { idempotencyKey: string } {
  const same = last !== null && (Object.keys(request) as (keyof R)[]).every((field) => last[field] === request[field]);
  return same ? last : { ...request, idempotencyKey: newKey() };
}
