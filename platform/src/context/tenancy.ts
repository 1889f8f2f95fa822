import { notFound } from '../errors/hearth-error';

/**
 * The tenancy convention (DESIGN §6), one way everywhere: every read of a tenant's data is handed
 * the caller's tenant and returns nothing of another's — in SQL by `tenant_id = $1` in the store
 * function that owns the table, in memory (twins, caches) through `ownedBy`; a change aimed at
 * something that is not the caller's is refused as NOT_FOUND (`ownedOrNotFound`), never as
 * forbidden, so no answer tells that another tenant's id exists. The cross-tenant suite
 * (testkit/e2e/cross-tenant.test.ts) probes every root field, entity and subscription for it.
 */
export const ownedBy = <T extends { tenantId: string }>(record: T | null | undefined, tenantId: string): T | undefined =>
  record && record.tenantId === tenantId ? record : undefined;

/** The record if it is the tenant's; NOT_FOUND naming `entity` and `id` otherwise. */
export function ownedOrNotFound<T extends { tenantId: string }>(record: T | null | undefined, tenantId: string, entity: string, id: string): T {
  const own = ownedBy(record, tenantId);
  if (!own) throw notFound(entity, id);
  return own;
}
