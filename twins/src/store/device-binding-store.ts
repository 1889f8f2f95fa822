import type { DeviceKind } from '@hearth/broker';
import { keysetCount, keysetPage, type KeysetQuery, type Queryable } from '@hearth/platform/db';

/** The gateway a device of this tenant is bound to now (`fleet.device`, the broker's registry), or null. */
export async function boundGateway(db: Queryable, tenantId: string, kind: DeviceKind, deviceId: string): Promise<string | null> {
  const [row] = await db.query<{ gateway_id: string }>('SELECT gateway_id FROM fleet.device WHERE tenant_id = $1 AND kind = $2 AND id = $3', [
    tenantId,
    kind,
    deviceId,
  ]);
  return row?.gateway_id ?? null;
}

/** A page of the tenant's devices of one kind, by id (`fleet.device`): a kind's list of its assets. */
export function boundDevicesPage(
  db: Queryable,
  tenantId: string,
  kind: DeviceKind,
  limit: number,
  after?: string,
): Promise<{ id: string; gatewayId: string }[]> {
  return keysetPage(db, boundDevices(tenantId, kind), limit, after === undefined ? undefined : [after]);
}

export const countBoundDevices = (db: Queryable, tenantId: string, kind: DeviceKind): Promise<number> => keysetCount(db, boundDevices(tenantId, kind));

const boundDevices = (tenantId: string, kind: DeviceKind): KeysetQuery => ({
  select: 'id, gateway_id AS "gatewayId"',
  from: 'fleet.device',
  where: 'tenant_id = $1 AND kind = $2',
  params: [tenantId, kind],
  key: [{ column: 'id', type: 'text' }],
  direction: 'ASC',
});
