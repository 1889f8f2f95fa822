import { actorOf, type CallerContext } from '@hearth/platform';
import type { Queryable } from '@hearth/platform/db';

export interface FleetAuditRecord {
  id: string;
  at: Date;
  actor: string;
  action: string;
  target: string | null;
  details: Record<string, unknown>;
}

/** Records a provisioning action in `fleet.audit_log` (append-only), in the caller's transaction. */
export async function auditFleet(
  tx: Queryable,
  caller: CallerContext,
  action: string,
  target: string | null,
  details: Record<string, unknown> = {},
): Promise<void> {
  await tx.query('INSERT INTO fleet.audit_log (tenant_id, actor, action, target, details) VALUES ($1, $2, $3, $4, $5)', [
    caller.tenantId,
    actorOf(caller),
    action,
    target,
    JSON.stringify({ ...details, requestId: caller.requestId }),
  ]);
}

/** Newest first, keyset-paged by id. */
export function fleetAuditPage(db: Queryable, tenantId: string, first: number, beforeId?: string): Promise<FleetAuditRecord[]> {
  return db.query<FleetAuditRecord>(
    `SELECT id::text, at, actor, action, target, details FROM fleet.audit_log
      WHERE tenant_id = $1 AND ($2::bigint IS NULL OR id < $2::bigint) ORDER BY id DESC LIMIT $3`,
    [tenantId, beforeId ?? null, first],
  );
}

export async function countFleetAudit(db: Queryable, tenantId: string): Promise<number> {
  const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM fleet.audit_log WHERE tenant_id = $1', [tenantId]);
  return row?.n ?? 0;
}
