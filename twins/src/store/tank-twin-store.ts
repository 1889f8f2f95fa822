import type { Queryable } from '@hearth/platform/db';
import { parseTankDesired } from '../model/tank-desired';
import { emptyReported, type TankTwinState } from '../model/tank-twin';
import { loadOpenAlarms } from './open-alarms';

interface TwinRow {
  tank_id: string;
  tenant_id: string;
  gateway_id: string | null;
  reported: Partial<TankTwinState['reported']>;
  reported_state: Partial<TankTwinState['reported']>;
  reported_at: Date | null;
  derived: TankTwinState['derived'];
  desired: unknown;
  online: boolean;
  stale: boolean;
  last_seen_at: Date | null;
  last_seq: number | null;
  version: number;
}

/** Restores every tank twin with its open alarms (service start). */
export async function loadTankTwins(db: Queryable): Promise<TankTwinState[]> {
  const rows = await db.query<TwinRow>('SELECT * FROM twins.tank_twin');
  const alarms = await loadOpenAlarms(db, 'tank');
  return rows.map((r) => ({
    tankId: r.tank_id,
    tenantId: r.tenant_id,
    gatewayId: r.gateway_id,
    // Twins stored before a reported field existed lack it: it is null until reported.
    reported: { ...emptyReported(), ...r.reported, ...r.reported_state },
    reportedAt: r.reported_at,
    derived: r.derived,
    desired: parseTankDesired(r.desired),
    online: r.online,
    stale: r.stale,
    lastSeenAt: r.last_seen_at,
    lastSeq: r.last_seq === null ? null : Number(r.last_seq),
    version: r.version,
    alarms: alarms.get(r.tank_id) ?? [],
  }));
}

/** Upserts the latest state of the given twins in one statement. */
export async function saveTankTwins(tx: Queryable, twins: TankTwinState[]): Promise<void> {
  if (twins.length === 0) return;
  await tx.query(
    `INSERT INTO twins.tank_twin (tank_id, tenant_id, gateway_id, reported, reported_at, derived, desired, online, stale, last_seen_at, last_seq, version,
                                  reported_state, updated_at)
     SELECT * , now() FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::jsonb[], $5::timestamptz[], $6::jsonb[], $7::jsonb[], $8::boolean[], $9::boolean[],
                                  $10::timestamptz[], $11::bigint[], $12::int[], $13::jsonb[])
     ON CONFLICT (tank_id) DO UPDATE SET gateway_id = EXCLUDED.gateway_id, reported = EXCLUDED.reported, reported_state = EXCLUDED.reported_state,
       reported_at = EXCLUDED.reported_at,
       derived = EXCLUDED.derived, desired = EXCLUDED.desired, online = EXCLUDED.online, stale = EXCLUDED.stale, last_seen_at = EXCLUDED.last_seen_at,
       last_seq = EXCLUDED.last_seq, version = EXCLUDED.version, updated_at = now()`,
    [
      twins.map((t) => t.tankId),
      twins.map((t) => t.tenantId),
      twins.map((t) => t.gatewayId),
      twins.map((t) => JSON.stringify(measurements(t.reported))),
      twins.map((t) => t.reportedAt),
      twins.map((t) => JSON.stringify(t.derived)),
      twins.map((t) => JSON.stringify(t.desired)),
      twins.map((t) => t.online),
      twins.map((t) => t.stale),
      twins.map((t) => t.lastSeenAt),
      twins.map((t) => t.lastSeq),
      twins.map((t) => t.version),
      twins.map((t) => JSON.stringify({ inletValveOpen: t.reported.inletValveOpen, highHighSetpointMm: t.reported.highHighSetpointMm })),
    ],
  );
}

/** The measurements, as `reported` has always held them; device state goes to `reported_state`. */
const measurements = ({ levelMm, temperatureC, pressureKPa, waterLevelMm }: TankTwinState['reported']) => ({
  levelMm,
  temperatureC,
  pressureKPa,
  waterLevelMm,
});
