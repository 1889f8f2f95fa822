import type { DeviceKind } from '@hearth/broker';
import type { Queryable } from '@hearth/platform/db';

/** The gateway a device of this tenant is bound to now (`fleet.device`, the broker's registry), or null. */
export async function boundGateway(db: Queryable, tenantId: string, kind: DeviceKind, deviceId: string): Promise<string | null> {
  const [row] = await db.query<{ gateway_id: string }>('SELECT gateway_id FROM fleet.device WHERE tenant_id = $1 AND kind = $2 AND id = $3', [
    tenantId,
    kind,
    deviceId,
  ]);
  return row?.gateway_id ?? null;
}
