import type { Queryable } from '@hearth/platform/db';
import type { GatewayTwinState } from '../model/gateway-twin';
import { loadOpenAlarms } from './open-alarms';

interface GatewayTwinRow {
  gateway_id: string;
  tenant_id: string;
  online: boolean;
  since: Date | null;
  last_seen_at: Date | null;
  version: number;
  holder: string | null;
}

/** Restores every gateway twin with its open alarms (service start). */
export async function loadGatewayTwins(db: Queryable): Promise<GatewayTwinState[]> {
  const rows = await db.query<GatewayTwinRow>('SELECT * FROM twins.gateway_twin');
  const alarms = await loadOpenAlarms(db, 'gateway');
  return rows.map((r) => ({
    gatewayId: r.gateway_id,
    tenantId: r.tenant_id,
    online: r.online,
    since: r.since,
    lastSeenAt: r.last_seen_at,
    version: r.version,
    alarms: alarms.get(r.gateway_id) ?? [],
    holder: r.holder,
  }));
}

export async function saveGatewayTwins(tx: Queryable, twins: GatewayTwinState[]): Promise<void> {
  if (twins.length === 0) return;
  await tx.query(
    `INSERT INTO twins.gateway_twin (gateway_id, tenant_id, online, since, last_seen_at, version, holder, updated_at)
     SELECT *, now() FROM unnest($1::text[], $2::uuid[], $3::boolean[], $4::timestamptz[], $5::timestamptz[], $6::int[], $7::text[])
     ON CONFLICT (gateway_id) DO UPDATE SET online = EXCLUDED.online, since = EXCLUDED.since, last_seen_at = EXCLUDED.last_seen_at,
       version = EXCLUDED.version, holder = EXCLUDED.holder, updated_at = now()`,
    [
      twins.map((t) => t.gatewayId),
      twins.map((t) => t.tenantId),
      twins.map((t) => t.online),
      twins.map((t) => t.since),
      twins.map((t) => t.lastSeenAt),
      twins.map((t) => t.version),
      twins.map((t) => t.holder),
    ],
  );
}
