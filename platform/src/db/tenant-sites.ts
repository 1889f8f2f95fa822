import { notFound } from '../errors/hearth-error';
import type { Queryable } from './database';
import { isUuid } from './typeorm-helpers';

/**
 * Supply stations, stores, premises and filling stations are sites of the tanks subgraph. Other
 * domains read that table as a contract (its `id` and `tenant_id` only), in the same database, so a
 * customer is never sent to another company's station, a drawer opened for another company's store
 * nor a cylinder stocked at another company's depot: NOT_FOUND, as for any id that is not the caller's.
 */
export async function assertTenantSites(q: Queryable, tenantId: string, ids: readonly (string | null | undefined)[]): Promise<void> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (wanted.length === 0) return;
  const bad = wanted.find((id) => !isUuid(id));
  if (bad) throw notFound('Site', bad);
  const found = await tenantSitesAmong(q, tenantId, wanted);
  const missing = wanted.find((id) => !found.has(id.toLowerCase()));
  if (missing) throw notFound('Site', missing);
}

/**
 * Which of these ids are the tenant's sites (lower-case ids; an id that is not a UUID is none), in
 * one query: for a caller that answers "none" rather than NOT_FOUND, or reports each row of an import.
 */
export async function tenantSitesAmong(q: Queryable, tenantId: string, ids: readonly string[]): Promise<Set<string>> {
  const wanted = [...new Set(ids.filter((id) => isUuid(id)).map((id) => id.toLowerCase()))];
  if (wanted.length === 0) return new Set();
  const rows = await q.query<{ id: string }>('SELECT id::text FROM tanks.site WHERE tenant_id = $1 AND id = ANY($2::uuid[])', [tenantId, wanted]);
  return new Set(rows.map((r) => r.id));
}
