import { isUuid, tableExists, type Queryable } from '@hearth/platform/db';

/**
 * Whether a cylinder device may be bound: its id is one of the tenant's cylinders on the registry
 * (`cylinders.cylinder`). Without that table nobody registered any, so none may be bound.
 */
export async function isCylinderOf(db: Queryable, tenantId: string, cylinderId: string): Promise<boolean> {
  if (!isUuid(cylinderId)) return false;
  if (!(await tableExists(db, 'cylinders.cylinder'))) return false;
  return (await db.query('SELECT 1 FROM cylinders.cylinder WHERE tenant_id = $1 AND id = $2::uuid', [tenantId, cylinderId])).length > 0;
}
