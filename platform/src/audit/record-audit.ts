import { actorOf, type CallerContext } from '../context/caller-context';
import type { Queryable } from '../db/database';

/** What happened, as a domain records it. */
export interface AuditRecord {
  /** The module recording it, named as its scopes are: `identity`, `fleet`, `tanks`, … */
  domain: string;
  /** `<thing>.<what happened>`: `tank.updated`, `api-key.revoked`. */
  action: string;
  /** `<kind>:<id>` of what it happened to; null when the details say (an import). */
  target?: string | null;
  /** What a reader needs to understand the change: values before and after, counts, names. Never secrets. */
  details?: Record<string, unknown>;
}

/**
 * Who acted when no signed caller did: identity records failed logins as the person whose
 * password was wrong, lock-outs as `system`, and its seeds and command-line tools as `system`.
 */
export interface AuditActor {
  tenantId: string;
  actor: string;
  requestId?: string | null;
}

const isCaller = (by: CallerContext | AuditActor): by is CallerContext => 'principal' in by;

/**
 * Appends an entry to the audit log of the caller's tenant, in `tx`: pass the transaction of the
 * change it records, so both commit or neither does. The entry names the caller (`actorOf`) and
 * the request.
 */
export async function recordAudit(tx: Queryable, by: CallerContext | AuditActor, record: AuditRecord): Promise<void> {
  await tx.query('INSERT INTO audit.entry (tenant_id, domain, actor, action, target, details, request_id) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
    by.tenantId,
    record.domain,
    isCaller(by) ? actorOf(by) : by.actor,
    record.action,
    record.target ?? null,
    JSON.stringify(record.details ?? {}),
    by.requestId ?? null,
  ]);
}
