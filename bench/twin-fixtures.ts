import type { Database, Queryable } from '@hearth/platform/db';
import type { TankTwinState } from '../twins/src/kinds/tank/model/tank-twin';

/**
 * Twins straight into a benchmark database with generate_series, shaped as the twins service
 * writes them: tank twins in `twins.tank_twin_state` (reported and derived values as columns, one
 * in a hundred with an open alarm), and a lightweight cylinder twin (a plain record of reported
 * values: what a cylinder's twin needs until its domain lands) in a table of the benchmark's own.
 */
export async function insertTankTwins(db: Database, tenantId: string, count: number, chunk = 100_000): Promise<void> {
  await db.exec('TRUNCATE twins.tank_twin_state, twins.alarm');
  for (let from = 1; from <= count; from += chunk) {
    const to = Math.min(count, from + chunk - 1);
    await db.query(
      `INSERT INTO twins.tank_twin_state (tank_id, tenant_id, gateway_id, level_mm, temperature_c, pressure_kpa, reported_at,
                                          volume_liters, volume_at_reference_liters, fill_percent, mass_kg, online, last_seen_at, last_seq, version)
       SELECT md5('tank' || i)::uuid, $1, 'bench-gw-' || (i % 1000), 400 + (i % 1800) + 0.25, 10 + (i % 15) + 0.5, 600 + (i % 90) + 0.1,
              now() - (i % 900) * interval '1 second',
              5000 + (i % 40000) + 0.5, 5000 + (i % 40000) - 3.25, (i % 85) + 0.5, 2500 + (i % 20000) + 0.75,
              true, now() - (i % 900) * interval '1 second', i, 1 + i % 5000
         FROM generate_series($2::int, $3::int) i`,
      [tenantId, from, to],
    );
    await db.query(
      `INSERT INTO twins.alarm (id, tenant_id, asset_kind, asset_id, code, severity, state, message, value, raised_at)
       SELECT md5('alarm' || i)::uuid, $1, 'tank', md5('tank' || i)::uuid, 'LEVEL_H', 'MAJOR', 'ACTIVE', 'Level high', 2210.5, now() - interval '1 hour'
         FROM generate_series($2::int, $3::int) i WHERE i % 100 = 0`,
      [tenantId, from, to],
    );
  }
}

export interface CylinderTwin {
  id: string;
  tenantId: string;
  gatewayId: string;
  reported: Record<string, number | boolean>;
  reportedAt: Date;
  version: number;
}

export async function insertCylinderTwins(db: Database, tenantId: string, count: number, chunk = 100_000): Promise<void> {
  await db.exec(`CREATE SCHEMA IF NOT EXISTS bench;
    CREATE TABLE IF NOT EXISTS bench.cylinder_twin (id text PRIMARY KEY, tenant_id uuid NOT NULL, gateway_id text NOT NULL, reported jsonb NOT NULL,
      reported_at timestamptz NOT NULL, version integer NOT NULL);
    TRUNCATE bench.cylinder_twin`);
  for (let from = 1; from <= count; from += chunk) {
    await db.query(
      `INSERT INTO bench.cylinder_twin (id, tenant_id, gateway_id, reported, reported_at, version)
       SELECT 'CYL-' || lpad(i::text, 8, '0'), $1, 'bench-gw-' || (i % 1000),
              jsonb_build_object('grossKg', 25 + (i % 2000) / 100.0, 'netKg', 10 + (i % 1500) / 100.0, 'pressureKPa', 500 + (i % 300) + 0.5,
                                 'temperatureC', 5 + (i % 30) + 0.5, 'valveOpen', i % 7 = 0, 'batteryPct', 40 + i % 60,
                                 'latitude', 31.2 + (i % 1000) / 10000.0, 'longitude', 121.4 + (i % 1000) / 10000.0),
              now() - (i % 3600) * interval '1 second', 1 + i % 300
         FROM generate_series($2::int, $3::int) i`,
      [tenantId, from, Math.min(count, from + chunk - 1)],
    );
  }
}

/** Restores cylinder twins the way TankTwins.restore does tanks: one query, one object per row. */
export async function loadCylinderTwins(db: Queryable): Promise<Map<string, CylinderTwin>> {
  const rows = await db.query<{ id: string; tenant_id: string; gateway_id: string; reported: CylinderTwin['reported']; reported_at: Date; version: number }>(
    'SELECT * FROM bench.cylinder_twin',
  );
  const twins = new Map<string, CylinderTwin>();
  for (const r of rows)
    twins.set(r.id, { id: r.id, tenantId: r.tenant_id, gatewayId: r.gateway_id, reported: r.reported, reportedAt: r.reported_at, version: r.version });
  return twins;
}

/**
 * Tank twins as they were stored before migration 0010 (reported, derived and desired as jsonb
 * documents), in a table of the benchmark's own: the peer of the column upsert.
 */
export async function createTwinDocuments(db: Database): Promise<void> {
  await db.exec(`CREATE SCHEMA IF NOT EXISTS bench;
    CREATE TABLE IF NOT EXISTS bench.tank_twin_document (tank_id uuid PRIMARY KEY, tenant_id uuid NOT NULL, gateway_id text, reported jsonb NOT NULL,
      reported_state jsonb NOT NULL, reported_at timestamptz, derived jsonb NOT NULL, desired jsonb NOT NULL, online boolean NOT NULL, stale boolean NOT NULL,
      last_seen_at timestamptz, last_seq bigint, version integer NOT NULL, updated_at timestamptz NOT NULL);
    TRUNCATE bench.tank_twin_document`);
}

/** The upsert the twins store ran before migration 0010: four JSON documents per twin. */
export async function saveTwinDocuments(tx: Queryable, twins: TankTwinState[]): Promise<void> {
  await tx.query(
    `INSERT INTO bench.tank_twin_document (tank_id, tenant_id, gateway_id, reported, reported_at, derived, desired, online, stale, last_seen_at, last_seq, version,
                                           reported_state, updated_at)
     SELECT *, now() FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::jsonb[], $5::timestamptz[], $6::jsonb[], $7::jsonb[], $8::boolean[], $9::boolean[],
                                 $10::timestamptz[], $11::bigint[], $12::int[], $13::jsonb[])
     ON CONFLICT (tank_id) DO UPDATE SET gateway_id = EXCLUDED.gateway_id, reported = EXCLUDED.reported, reported_state = EXCLUDED.reported_state,
       reported_at = EXCLUDED.reported_at, derived = EXCLUDED.derived, desired = EXCLUDED.desired, online = EXCLUDED.online, stale = EXCLUDED.stale,
       last_seen_at = EXCLUDED.last_seen_at, last_seq = EXCLUDED.last_seq, version = EXCLUDED.version, updated_at = now()`,
    [
      twins.map((t) => t.tankId),
      twins.map((t) => t.tenantId),
      twins.map((t) => t.gatewayId),
      twins.map(({ reported: r }) =>
        JSON.stringify({ levelMm: r.levelMm, temperatureC: r.temperatureC, pressureKPa: r.pressureKPa, waterLevelMm: r.waterLevelMm }),
      ),
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
