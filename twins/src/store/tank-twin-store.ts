import type { Queryable } from '@hearth/platform/db';
import { byUrgency, type OpenAlarm } from '../model/alarm';
import type { TankTwinState } from '../model/tank-twin';

interface TwinRow {
  tank_id: string;
  tenant_id: string;
  gateway_id: string | null;
  reported: TankTwinState['reported'];
  reported_at: Date | null;
  derived: TankTwinState['derived'];
  online: boolean;
  last_seen_at: Date | null;
  last_seq: number | null;
  version: number;
}
interface AlarmRow {
  id: string;
  asset_id: string;
  code: string;
  severity: OpenAlarm['severity'];
  state: OpenAlarm['state'];
  message: string;
  value: number | null;
  raised_at: Date;
}

/** Restores every tank twin with its open alarms (service start). */
export async function loadTankTwins(db: Queryable): Promise<TankTwinState[]> {
  const rows = await db.query<TwinRow>('SELECT * FROM twins.tank_twin');
  const alarms = await db.query<AlarmRow>(`SELECT * FROM twins.alarm WHERE asset_kind = 'tank' AND state <> 'CLEARED'`);
  const byTank = new Map<string, AlarmRow[]>();
  for (const a of alarms) byTank.set(a.asset_id, [...(byTank.get(a.asset_id) ?? []), a]);
  return rows.map((r) => ({
    tankId: r.tank_id,
    tenantId: r.tenant_id,
    gatewayId: r.gateway_id,
    reported: r.reported,
    reportedAt: r.reported_at,
    derived: r.derived,
    online: r.online,
    lastSeenAt: r.last_seen_at,
    lastSeq: r.last_seq === null ? null : Number(r.last_seq),
    version: r.version,
    alarms: (byTank.get(r.tank_id) ?? [])
      .map((a) => ({ id: a.id, code: a.code, severity: a.severity, state: a.state, message: a.message, value: a.value, raisedAt: a.raised_at }))
      .sort(byUrgency),
  }));
}

/** Upserts the latest state of the given twins in one statement. */
export async function saveTankTwins(tx: Queryable, twins: TankTwinState[]): Promise<void> {
  if (twins.length === 0) return;
  await tx.query(
    `INSERT INTO twins.tank_twin (tank_id, tenant_id, gateway_id, reported, reported_at, derived, online, last_seen_at, last_seq, version, updated_at)
     SELECT * , now() FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::jsonb[], $5::timestamptz[], $6::jsonb[], $7::boolean[], $8::timestamptz[], $9::bigint[], $10::int[])
     ON CONFLICT (tank_id) DO UPDATE SET gateway_id = EXCLUDED.gateway_id, reported = EXCLUDED.reported, reported_at = EXCLUDED.reported_at,
       derived = EXCLUDED.derived, online = EXCLUDED.online, last_seen_at = EXCLUDED.last_seen_at, last_seq = EXCLUDED.last_seq,
       version = EXCLUDED.version, updated_at = now()`,
    [
      twins.map((t) => t.tankId),
      twins.map((t) => t.tenantId),
      twins.map((t) => t.gatewayId),
      twins.map((t) => JSON.stringify(t.reported)),
      twins.map((t) => t.reportedAt),
      twins.map((t) => JSON.stringify(t.derived)),
      twins.map((t) => t.online),
      twins.map((t) => t.lastSeenAt),
      twins.map((t) => t.lastSeq),
      twins.map((t) => t.version),
    ],
  );
}
