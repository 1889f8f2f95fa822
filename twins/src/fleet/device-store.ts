import type { DeviceKind } from '@hearth/broker';
import type { Queryable } from '@hearth/platform/db';

export interface DeviceRecord {
  kind: DeviceKind;
  id: string;
  tenantId: string;
  gatewayId: string;
  createdAt: Date;
}

const COLUMNS = `kind, id, tenant_id AS "tenantId", gateway_id AS "gatewayId", created_at AS "createdAt"`;

export interface DeviceFilter {
  tenantId: string;
  gatewayId?: string | null;
  kind?: DeviceKind | null;
}

/** A tenant's devices by kind and id, keyset-paged. */
export function listDevices(db: Queryable, filter: DeviceFilter, first: number, after?: [string, string]): Promise<DeviceRecord[]> {
  return db.query<DeviceRecord>(
    `SELECT ${COLUMNS} FROM fleet.device
      WHERE tenant_id = $1 AND ($2::text IS NULL OR gateway_id = $2) AND ($3::text IS NULL OR kind = $3)
        AND ($4::text IS NULL OR (kind, id) > ($4::text, $5::text))
      ORDER BY kind, id LIMIT $6`,
    [filter.tenantId, filter.gatewayId ?? null, filter.kind ?? null, after?.[0] ?? null, after?.[1] ?? null, first],
  );
}

export async function countDevices(db: Queryable, filter: DeviceFilter): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM fleet.device WHERE tenant_id = $1 AND ($2::text IS NULL OR gateway_id = $2) AND ($3::text IS NULL OR kind = $3)',
    [filter.tenantId, filter.gatewayId ?? null, filter.kind ?? null],
  );
  return row?.n ?? 0;
}

export async function findDevice(db: Queryable, tenantId: string, kind: DeviceKind, id: string): Promise<DeviceRecord | null> {
  const [row] = await db.query<DeviceRecord>(`SELECT ${COLUMNS} FROM fleet.device WHERE tenant_id = $1 AND kind = $2 AND id = $3`, [tenantId, kind, id]);
  return row ?? null;
}

export async function deleteDevice(tx: Queryable, tenantId: string, kind: DeviceKind, id: string): Promise<DeviceRecord | null> {
  const [row] = await tx.query<DeviceRecord>(`DELETE FROM fleet.device WHERE tenant_id = $1 AND kind = $2 AND id = $3 RETURNING ${COLUMNS}`, [
    tenantId,
    kind,
    id,
  ]);
  return row ?? null;
}
