import { isUuid, type Queryable } from '@hearth/platform/db';
import { effectiveStatus, type CommandStatus } from '../../../model/command';

/** The status of each of the tenant's commands named, by id (an open one past its expiry shows EXPIRED), in one query. */
export async function commandStatuses(db: Queryable, tenantId: string, ids: readonly string[]): Promise<Map<string, CommandStatus>> {
  const rows = await db.query<{ id: string; status: CommandStatus; expiresAt: Date }>(
    `SELECT id::text, status, expires_at AS "expiresAt" FROM twins.command WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
    [tenantId, ids.filter(isUuid)],
  );
  const now = new Date();
  return new Map(rows.map((r) => [r.id, effectiveStatus(r, now)]));
}
