import type { Queryable } from '@hearth/platform/db';

export interface AuditEntry {
  id: string;
  at: Date;
  actor: string;
  action: string;
  target: string | null;
  details: Record<string, unknown>;
}

/** Who did it: `user:<id>`, `apiKey:<id>`, or `system`. */
export type Actor = string;

/**
 * The append-only record of security-relevant actions (keys created, rotated and revoked,
 * roles changed, logins failed, accounts locked, sessions ended). The table refuses updates
 * and deletes; admins read it through `auditLog`.
 */
export async function audit(
  db: Queryable,
  tenantId: string,
  actor: Actor,
  action: string,
  target: string | null,
  details: Record<string, unknown> = {},
): Promise<void> {
  await db.query('INSERT INTO identity.audit_log (tenant_id, actor, action, target, details) VALUES ($1, $2, $3, $4, $5)', [
    tenantId,
    actor,
    action,
    target,
    JSON.stringify(details),
  ]);
}

/** Newest first, keyset-paged by id. */
export async function auditPage(db: Queryable, tenantId: string, first: number, beforeId?: string): Promise<AuditEntry[]> {
  const rows = await db.query<{ id: string; at: Date; actor: string; action: string; target: string | null; details: Record<string, unknown> }>(
    `SELECT id::text, at, actor, action, target, details FROM identity.audit_log
      WHERE tenant_id = $1 AND ($2::bigint IS NULL OR id < $2::bigint) ORDER BY id DESC LIMIT $3`,
    [tenantId, beforeId ?? null, first],
  );
  return rows;
}
