import type { Queryable } from '../db/database';
import { isUniqueViolation } from '../db/database';
import { HearthError, notFound } from '../errors/hearth-error';
import type { PostingRequest } from './posting';

const FOREIGN_KEY_VIOLATION = '23503';
const codeOf = (err: unknown): unknown => (typeof err === 'object' && err !== null && 'code' in err ? err.code : undefined);

/**
 * Writes the posting's journal, which claims its idempotency key; null when the key was claimed
 * already (the request is a retry, or a reuse of the key). On a server, a claim by a transaction
 * still open waits for it: when that one commits this is a retry, when it rolls back the key is free.
 */
export async function claimIdempotencyKey(tx: Queryable, request: PostingRequest, requestHash: string): Promise<{ id: string; createdAt: Date } | null> {
  try {
    const [journal] = await tx.query<{ id: string; createdAt: Date }>(
      `INSERT INTO ledger.journal (tenant_id, idempotency_key, request_hash, kind, description, reverses, actor, metadata)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (tenant_id, idempotency_key) DO NOTHING RETURNING id, created_at AS "createdAt"`,
      [
        request.tenantId,
        request.idempotencyKey,
        requestHash,
        request.kind,
        request.description ?? null,
        request.reverses ?? null,
        request.actor,
        JSON.stringify(request.metadata ?? {}),
      ],
    );
    return journal ?? null;
  } catch (err) {
    // Another key got there first: the only other unique column is `reverses`, reversed once.
    if (request.reverses && isUniqueViolation(err)) {
      throw new HearthError('CONFLICT', `Journal ${request.reverses} is reversed already.`, { journalId: request.reverses });
    }
    // The journal to reverse is not the tenant's (the key is (tenant, id)).
    if (request.reverses && codeOf(err) === FOREIGN_KEY_VIOLATION) throw notFound('LedgerJournal', request.reverses);
    throw err;
  }
}
