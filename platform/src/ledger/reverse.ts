import type { Queryable } from '../db/database';
import { isUuid } from '../db/typeorm-helpers';
import { badInput, HearthError, notFound } from '../errors/hearth-error';
import { minorUnits } from './minor-units';
import { post } from './post';
import type { Posting } from './posting';

export interface ReverseRequest {
  tenantId: string;
  /** The journal to undo. */
  journalId: string;
  idempotencyKey: string;
  actor: string;
  /** Why: kept as the reversal's description. */
  reason: string;
}

interface EntryRow {
  accountId: string;
  amountMinor: unknown;
  reversedBy: string | null;
  reversalKey: string | null;
}

/**
 * Undoes a posting the only way an append-only ledger can: a REVERSAL journal with its lines
 * negated. A journal is reversed once (CONFLICT after that); a reversal that would take an account
 * below its credit limit (the wallet spent the top-up being undone) is INSUFFICIENT_FUNDS. A retry
 * under the reversal's own key comes back `replayed`.
 */
export async function reverse(tx: Queryable, request: ReverseRequest): Promise<Posting> {
  const { tenantId, journalId } = request;
  if (!isUuid(journalId)) throw notFound('LedgerJournal', journalId);
  if (request.reason.trim() === '') throw badInput([{ field: 'reason', message: 'must say why the posting is reversed' }]);
  const entries = await tx.query<EntryRow>(
    `SELECT e.account_id AS "accountId", e.amount_minor AS "amountMinor", r.id AS "reversedBy", r.idempotency_key AS "reversalKey"
     FROM ledger.journal AS j JOIN ledger.entry AS e ON e.journal_id = j.id LEFT JOIN ledger.journal AS r ON r.reverses = j.id
     WHERE j.id = $1 AND j.tenant_id = $2 ORDER BY e.account_id`,
    [journalId, tenantId],
  );
  const [first] = entries;
  if (!first) throw notFound('LedgerJournal', journalId);
  // A retry of this very reversal goes on to `post`, which hands it back as first posted.
  if (first.reversedBy && first.reversalKey !== request.idempotencyKey) {
    throw new HearthError('CONFLICT', `Journal ${journalId} was reversed already (journal ${first.reversedBy}).`, { journalId, reversedBy: first.reversedBy });
  }
  return post(tx, {
    tenantId,
    idempotencyKey: request.idempotencyKey,
    kind: 'REVERSAL',
    description: request.reason,
    actor: request.actor,
    reverses: journalId,
    lines: entries.map((entry) => ({ accountId: entry.accountId, amountMinor: -minorUnits(entry.amountMinor, 'amount') })),
  });
}
