import type { Queryable } from '../db/database';
import { HearthError } from '../errors/hearth-error';
import type { CheckedPosting } from './check-posting';
import { minorUnits } from './minor-units';
import type { Posting, PostingRequest } from './posting';

interface JournalEntryRow {
  journalId: string;
  requestHash: string;
  kind: string;
  createdAt: Date;
  entryId: string;
  accountId: string;
  amountMinor: unknown;
  balanceAfterMinor: unknown;
}

/**
 * The posting an idempotency key already names, for a request that claimed it too late: the same
 * request comes back as it was posted (`replayed`), another request is refused (IDEMPOTENCY_KEY_REUSED).
 */
export async function replayPosting(tx: Queryable, request: PostingRequest, checked: CheckedPosting): Promise<Posting> {
  const rows = await tx.query<JournalEntryRow>(
    `SELECT j.id AS "journalId", j.request_hash AS "requestHash", j.kind, j.created_at AS "createdAt", e.id AS "entryId",
       e.account_id AS "accountId", e.amount_minor AS "amountMinor", e.balance_after_minor AS "balanceAfterMinor"
     FROM ledger.journal AS j JOIN ledger.entry AS e ON e.journal_id = j.id
     WHERE j.tenant_id = $1 AND j.idempotency_key = $2`,
    [request.tenantId, request.idempotencyKey],
  );
  const [first] = rows;
  // Every committed journal has its entries; none here means this transaction claimed the key and is still posting.
  if (!first) throw new Error(`Ledger: key ${request.idempotencyKey} is being posted in this same transaction; post it once.`);
  if (first.requestHash !== checked.requestHash) {
    throw new HearthError(
      'IDEMPOTENCY_KEY_REUSED',
      `Idempotency key ${request.idempotencyKey} was used for another posting (journal ${first.journalId}); nothing was posted.`,
      { idempotencyKey: request.idempotencyKey, journalId: first.journalId },
    );
  }
  // Same hash, so the same accounts: hand the lines back in this request's order.
  const byAccount = new Map(rows.map((row) => [row.accountId, row]));
  const lines = checked.lines.map(({ accountId }) => {
    const row = byAccount.get(accountId)!;
    return {
      entryId: row.entryId,
      accountId,
      amountMinor: minorUnits(row.amountMinor, 'amount'),
      balanceAfterMinor: minorUnits(row.balanceAfterMinor, 'balance after'),
    };
  });
  return { journalId: first.journalId, idempotencyKey: request.idempotencyKey, kind: first.kind, createdAt: first.createdAt, replayed: true, lines };
}
