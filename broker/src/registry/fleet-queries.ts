import { keysetCount, keysetPage, type KeysetQuery, type Queryable } from '@hearth/platform/db';
import type { DeviceKind } from '../topics';

/**
 * Every read of the fleet (schema `fleet`: gateways and the devices bound to them), for the fleet
 * API, the twins and the broker's own registry alike: the fleet's tables are read here and written
 * in `provisioning.ts`, nowhere else.
 */

export interface GatewayRecord {
  id: string;
  tenantId: string;
  name: string;
  createdAt: Date;
  secretRotatedAt: Date | null;
  previousSecretExpiresAt: Date | null;
}

const GATEWAY_COLUMNS = `id, tenant_id AS "tenantId", name, created_at AS "createdAt", secret_rotated_at AS "secretRotatedAt",
  previous_secret_expires_at AS "previousSecretExpiresAt"`;

const gatewaysOf = (tenantId: string): KeysetQuery => ({
  select: GATEWAY_COLUMNS,
  from: 'fleet.gateway',
  where: 'tenant_id = $1',
  params: [tenantId],
  key: [{ column: 'id', type: 'text' }],
  direction: 'ASC',
});

/** A tenant's gateways by id, keyset-paged. */
export const listGateways = (db: Queryable, tenantId: string, first: number, afterId?: string): Promise<GatewayRecord[]> =>
  keysetPage(db, gatewaysOf(tenantId), first, afterId === undefined ? undefined : [afterId]);

export const countGateways = (db: Queryable, tenantId: string): Promise<number> => keysetCount(db, gatewaysOf(tenantId));

/** The tenant's gateways among `ids` (another tenant's are simply absent). */
export async function gatewaysByIds(db: Queryable, tenantId: string, ids: readonly string[]): Promise<Map<string, GatewayRecord>> {
  const rows = await db.query<GatewayRecord>(`SELECT ${GATEWAY_COLUMNS} FROM fleet.gateway WHERE tenant_id = $1 AND id = ANY($2::text[])`, [
    tenantId,
    [...ids],
  ]);
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * Which of `ids` are taken by any tenant. Gateway ids are MQTT user names, one namespace for the
 * whole broker, so an id another tenant holds cannot be had (it is reported as taken, nothing more).
 */
export async function takenGatewayIds(db: Queryable, ids: readonly string[]): Promise<Set<string>> {
  const rows = await db.query<{ id: string }>('SELECT id FROM fleet.gateway WHERE id = ANY($1::text[])', [[...ids]]);
  return new Set(rows.map((r) => r.id));
}

export async function deviceCounts(db: Queryable, tenantId: string, gatewayIds: readonly string[]): Promise<Map<string, number>> {
  const rows = await db.query<{ gateway_id: string; n: number }>(
    'SELECT gateway_id, count(*)::int AS n FROM fleet.device WHERE tenant_id = $1 AND gateway_id = ANY($2::text[]) GROUP BY gateway_id',
    [tenantId, [...gatewayIds]],
  );
  return new Map(rows.map((r) => [r.gateway_id, r.n]));
}

export interface DeviceRecord {
  kind: DeviceKind;
  id: string;
  tenantId: string;
  gatewayId: string;
  createdAt: Date;
}

export const DEVICE_COLUMNS = `kind, id, tenant_id AS "tenantId", gateway_id AS "gatewayId", created_at AS "createdAt"`;

export interface DeviceFilter {
  tenantId: string;
  gatewayId?: string | null;
  kind?: DeviceKind | null;
}

const devicesOf = (filter: DeviceFilter): KeysetQuery => ({
  select: DEVICE_COLUMNS,
  from: 'fleet.device',
  where: 'tenant_id = $1 AND ($2::text IS NULL OR gateway_id = $2) AND ($3::text IS NULL OR kind = $3)',
  params: [filter.tenantId, filter.gatewayId ?? null, filter.kind ?? null],
  key: [
    { column: 'kind', type: 'text' },
    { column: 'id', type: 'text' },
  ],
  direction: 'ASC',
});

/** A tenant's devices by kind and id, keyset-paged. */
export const listDevices = (db: Queryable, filter: DeviceFilter, first: number, after?: [string, string]): Promise<DeviceRecord[]> =>
  keysetPage(db, devicesOf(filter), first, after);

export const countDevices = (db: Queryable, filter: DeviceFilter): Promise<number> => keysetCount(db, devicesOf(filter));

export async function findDevice(db: Queryable, tenantId: string, kind: DeviceKind, id: string): Promise<DeviceRecord | null> {
  const [row] = await db.query<DeviceRecord>(`SELECT ${DEVICE_COLUMNS} FROM fleet.device WHERE tenant_id = $1 AND kind = $2 AND id = $3`, [tenantId, kind, id]);
  return row ?? null;
}

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
