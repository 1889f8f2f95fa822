import type { Queryable } from '../db/database';
import { isUuid } from '../db/typeorm-helpers';
import { notFound } from '../errors/hearth-error';
import { appendEntries } from './append-entries';
import { checkPosting } from './check-posting';
import { claimIdempotencyKey } from './claim-idempotency-key';
import { lockAccounts } from './lock-accounts';
import type { Posting, PostingRequest } from './posting';
import { replayPosting } from './replay-posting';

/**
 * Appends one balanced posting to the books, in the caller's transaction (`db.transaction`): its
 * steps write before they can fail (the journal claims the key first), so any error it throws
 * leaves the transaction to roll back, and then nothing was posted. Three statements: claim the
 * key, lock and check the accounts, move the balances with the entries.
 *
 * A retry under the same idempotency key comes back as first posted (`replayed: true`); another
 * request under it is IDEMPOTENCY_KEY_REUSED. A debit past an account's credit limit is
 * INSUFFICIENT_FUNDS; an account of another tenant NOT_FOUND; a closed one or mixed currencies
 * BAD_USER_INPUT. Lines that break the rules of double entry (fewer than two, zero or unsafe
 * amounts, a sum other than zero) are a bug of the caller: a plain Error.
 */
export async function post(tx: Queryable, request: PostingRequest): Promise<Posting> {
  // The database itself would run each statement on its own: locks and rollback need a transaction.
  if ('transaction' in tx) throw new Error('Ledger: post in a transaction: pass the `tx` of db.transaction, not the database.');
  const checked = checkPosting(request);
  if (request.reverses && !isUuid(request.reverses)) throw notFound('LedgerJournal', request.reverses);
  const journal = await claimIdempotencyKey(tx, request, checked.requestHash);
  if (!journal) return replayPosting(tx, request, checked);
  await lockAccounts(tx, request.tenantId, checked.lines);
  const lines = await appendEntries(tx, request.tenantId, journal.id, checked.lines);
  return { journalId: journal.id, idempotencyKey: request.idempotencyKey, kind: request.kind, createdAt: journal.createdAt, replayed: false, lines };
}
