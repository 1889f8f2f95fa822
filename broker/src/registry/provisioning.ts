import { randomBytes } from 'node:crypto';
import type { Queryable } from '@hearth/platform/db';
import type { DeviceKind } from '../topics';
import { hashSecret } from '@hearth/platform';

export interface ProvisionGatewayInput {
  id: string;
  tenantId: string;
  name: string;
  /** Omit to have one issued (24 random bytes, base64url). */
  secret?: string;
}

/**
 * Creates a gateway and returns its secret: the only time it is visible, since only its hash is
 * stored. For seeding and tests; the fleet API will use the same function.
 */
export async function provisionGateway(db: Queryable, input: ProvisionGatewayInput): Promise<{ id: string; tenantId: string; secret: string }> {
  const secret = input.secret ?? randomBytes(24).toString('base64url');
  const hash = await hashSecret(secret);
  await db.query('INSERT INTO fleet.gateway (id, tenant_id, name, secret_hash) VALUES ($1, $2, $3, $4)', [input.id, input.tenantId, input.name, hash]);
  return { id: input.id, tenantId: input.tenantId, secret };
}

export interface BindDeviceInput {
  kind: DeviceKind;
  id: string;
  tenantId: string;
  gatewayId: string;
}

/** Binds a device to a gateway, or moves it to another one (the gateway must be of the same tenant). */
export async function bindDevice(db: Queryable, input: BindDeviceInput): Promise<void> {
  await db.query(
    `INSERT INTO fleet.device (kind, id, tenant_id, gateway_id) VALUES ($1, $2, $3, $4)
     ON CONFLICT (kind, id) DO UPDATE SET tenant_id = EXCLUDED.tenant_id, gateway_id = EXCLUDED.gateway_id`,
    [input.kind, input.id, input.tenantId, input.gatewayId],
  );
}
