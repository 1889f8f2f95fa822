import type { Queryable } from '@hearth/platform/db';

/** Which of these pumps the tenant has bound as devices (`fleet.device`), in one query. */
export async function boundPumps(db: Queryable, tenantId: string, ids: readonly string[]): Promise<Map<string, true>> {
  const rows = await db.query<{ id: string }>(`SELECT id FROM fleet.device WHERE tenant_id = $1 AND kind = 'pump' AND id = ANY($2::text[])`, [tenantId, ids]);
  return new Map(rows.map((r) => [r.id, true]));
}
