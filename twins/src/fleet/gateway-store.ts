import type { Queryable } from '@hearth/platform/db';

export interface GatewayRecord {
  id: string;
  tenantId: string;
  name: string;
  createdAt: Date;
  secretRotatedAt: Date | null;
  previousSecretExpiresAt: Date | null;
}

const COLUMNS = `id, tenant_id AS "tenantId", name, created_at AS "createdAt", secret_rotated_at AS "secretRotatedAt",
  previous_secret_expires_at AS "previousSecretExpiresAt"`;

/** A tenant's gateways by id, keyset-paged. */
export function listGateways(db: Queryable, tenantId: string, first: number, afterId?: string): Promise<GatewayRecord[]> {
  return db.query<GatewayRecord>(`SELECT ${COLUMNS} FROM fleet.gateway WHERE tenant_id = $1 AND ($2::text IS NULL OR id > $2) ORDER BY id LIMIT $3`, [
    tenantId,
    afterId ?? null,
    first,
  ]);
}

export async function countGateways(db: Queryable, tenantId: string): Promise<number> {
  const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM fleet.gateway WHERE tenant_id = $1', [tenantId]);
  return row?.n ?? 0;
}

/** The tenant's gateways among `ids` (another tenant's are simply absent). */
export async function gatewaysByIds(db: Queryable, tenantId: string, ids: readonly string[]): Promise<Map<string, GatewayRecord>> {
  const rows = await db.query<GatewayRecord>(`SELECT ${COLUMNS} FROM fleet.gateway WHERE tenant_id = $1 AND id = ANY($2::text[])`, [tenantId, [...ids]]);
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

export async function insertGateways(tx: Queryable, tenantId: string, gateways: readonly { id: string; name: string; secretHash: string }[]): Promise<void> {
  await tx.query(
    `INSERT INTO fleet.gateway (id, tenant_id, name, secret_hash) SELECT g.id, $1, g.name, g.hash FROM unnest($2::text[], $3::text[], $4::text[]) AS g(id, name, hash)`,
    [tenantId, gateways.map((g) => g.id), gateways.map((g) => g.name), gateways.map((g) => g.secretHash)],
  );
}

export async function deviceCounts(db: Queryable, tenantId: string, gatewayIds: readonly string[]): Promise<Map<string, number>> {
  const rows = await db.query<{ gateway_id: string; n: number }>(
    'SELECT gateway_id, count(*)::int AS n FROM fleet.device WHERE tenant_id = $1 AND gateway_id = ANY($2::text[]) GROUP BY gateway_id',
    [tenantId, [...gatewayIds]],
  );
  return new Map(rows.map((r) => [r.gateway_id, r.n]));
}
