import type { Queryable } from '@hearth/platform/db';
import { policyWith, slaOverridesSchema, type SlaOverrides, type SlaPolicy } from './sla-policy';

/**
 * A tenant's service commitments: the defaults with its overrides (`customers.service_sla_policy`).
 * An order's deadline is set from the policy when it is taken (or reclassified): changing the policy
 * changes what is promised from then on, never what was already promised.
 */
export async function slaPolicyOf(db: Queryable, tenantId: string): Promise<SlaPolicy> {
  const [row] = await db.query<{ overrides: unknown }>('SELECT overrides FROM customers.service_sla_policy WHERE tenant_id = $1', [tenantId]);
  return policyWith(row ? slaOverridesSchema.parse(row.overrides) : {});
}

/** Replaces a tenant's overrides (validated by the caller with `slaOverridesSchema`). */
export async function saveSlaOverrides(db: Queryable, tenantId: string, overrides: SlaOverrides, by: string): Promise<void> {
  await db.query(
    `INSERT INTO customers.service_sla_policy (tenant_id, overrides, updated_by) VALUES ($1, $2, $3)
     ON CONFLICT (tenant_id) DO UPDATE SET overrides = EXCLUDED.overrides, updated_by = EXCLUDED.updated_by, updated_at = now()`,
    [tenantId, JSON.stringify(overrides), by],
  );
}
