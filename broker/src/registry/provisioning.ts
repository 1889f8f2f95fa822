import { randomBytes } from 'node:crypto';
import type { Queryable } from '@hearth/platform/db';
import type { DeviceKind } from '../topics';
import { DEVICE_COLUMNS, type DeviceRecord } from './fleet-queries';
import { hashSecret } from '@hearth/platform';

/** A new gateway secret: 24 random bytes, base64url (32 characters, 192 bits). */
export const issueSecret = (): string => randomBytes(24).toString('base64url');

export interface ProvisionGatewayInput {
  id: string;
  tenantId: string;
  name: string;
  /** Omit to have one issued (see `issueSecret`). */
  secret?: string;
}

/**
 * Creates a gateway and returns its secret: the only time it is visible, since only its hash is
 * stored. Seeding, tests and the fleet API use it.
 */
export async function provisionGateway(db: Queryable, input: ProvisionGatewayInput): Promise<{ id: string; tenantId: string; secret: string }> {
  const secret = input.secret ?? issueSecret();
  const hash = await hashSecret(secret);
  await insertGateways(db, input.tenantId, [{ id: input.id, name: input.name, secretHash: hash }]);
  return { id: input.id, tenantId: input.tenantId, secret };
}

export interface RotateGatewaySecretInput {
  id: string;
  tenantId: string;
  /** How long the secret being replaced keeps working (0: it stops at once). */
  graceSeconds: number;
  /** Omit to have one issued. */
  secret?: string;
}

/**
 * Replaces a gateway's secret; the old one keeps working for `graceSeconds` (a secret that was
 * itself still in its grace period stops at once: only one previous secret is kept). Returns
 * null when the tenant has no such gateway. Connections made with the old secret end when its
 * grace ends (the broker is told through the `hearth_fleet` notification).
 */
export async function rotateGatewaySecret(
  db: Queryable,
  input: RotateGatewaySecretInput,
): Promise<{ secret: string; rotatedAt: Date; previousSecretExpiresAt: Date | null } | null> {
  const secret = input.secret ?? issueSecret();
  const hash = await hashSecret(secret);
  const [row] = await db.query<{ secret_rotated_at: Date; previous_secret_expires_at: Date | null }>(
    `UPDATE fleet.gateway
        SET previous_secret_hash = CASE WHEN $4::int > 0 THEN secret_hash END,
            previous_secret_expires_at = CASE WHEN $4::int > 0 THEN now() + make_interval(secs => $4::int) END,
            secret_hash = $3, secret_rotated_at = now()
      WHERE id = $1 AND tenant_id = $2
      RETURNING secret_rotated_at, previous_secret_expires_at`,
    [input.id, input.tenantId, hash, input.graceSeconds],
  );
  return row ? { secret, rotatedAt: row.secret_rotated_at, previousSecretExpiresAt: row.previous_secret_expires_at } : null;
}

export interface BindDeviceInput {
  kind: DeviceKind;
  id: string;
  tenantId: string;
  gatewayId: string;
}

/**
 * Binds a device of a tenant to one of its gateways, or moves it to another one. Seeding and tests.
 * Device ids are per tenant: another tenant's device with the same kind and id is a different device.
 */
export async function bindDevice(db: Queryable, input: BindDeviceInput): Promise<void> {
  await bindDevicesOfTenant(db, input.tenantId, [input]);
}

/**
 * Binds many devices of one tenant in one statement: new ones are created, the tenant's own are
 * moved to the gateway given; every device comes back, `created` telling which were new. Device ids
 * are a namespace per tenant, so whether another tenant has the same id neither matters nor shows.
 */
export async function bindDevicesOfTenant(
  db: Queryable,
  tenantId: string,
  devices: readonly { kind: DeviceKind; id: string; gatewayId: string }[],
): Promise<{ kind: DeviceKind; id: string; created: boolean }[]> {
  if (devices.length === 0) return [];
  return db.query<{ kind: DeviceKind; id: string; created: boolean }>(
    `INSERT INTO fleet.device (kind, id, tenant_id, gateway_id)
     SELECT d.kind, d.id, $1, d.gateway_id FROM unnest($2::text[], $3::text[], $4::text[]) AS d(kind, id, gateway_id)
     ON CONFLICT (tenant_id, kind, id) DO UPDATE SET gateway_id = EXCLUDED.gateway_id
     RETURNING kind, id, (xmax = 0) AS created`,
    [tenantId, devices.map((d) => d.kind), devices.map((d) => d.id), devices.map((d) => d.gatewayId)],
  );
}

/** Registers many gateways of one tenant at once, with their secrets' hashes (an import). */
export async function insertGateways(tx: Queryable, tenantId: string, gateways: readonly { id: string; name: string; secretHash: string }[]): Promise<void> {
  await tx.query(
    `INSERT INTO fleet.gateway (id, tenant_id, name, secret_hash) SELECT g.id, $1, g.name, g.hash FROM unnest($2::text[], $3::text[], $4::text[]) AS g(id, name, hash)`,
    [tenantId, gateways.map((g) => g.id), gateways.map((g) => g.name), gateways.map((g) => g.secretHash)],
  );
}

/** Removes a device of a tenant: no gateway may publish for it any more. */
export async function unbindDevice(tx: Queryable, tenantId: string, kind: DeviceKind, id: string): Promise<DeviceRecord | null> {
  const [row] = await tx.query<DeviceRecord>(`DELETE FROM fleet.device WHERE tenant_id = $1 AND kind = $2 AND id = $3 RETURNING ${DEVICE_COLUMNS}`, [
    tenantId,
    kind,
    id,
  ]);
  return row ?? null;
}
