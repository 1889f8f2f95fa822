import type { Queryable } from '@hearth/platform/db';

/** Which of these meters the tenant has bound as devices (`fleet.device`), in one query. */
export async function boundMeters(db: Queryable, tenantId: string, ids: readonly string[]): Promise<Map<string, true>> {
  const rows = await db.query<{ id: string }>(`SELECT id FROM fleet.device WHERE tenant_id = $1 AND kind = 'meter' AND id = ANY($2::text[])`, [tenantId, ids]);
  return new Map(rows.map((r) => [r.id, true]));
}
