import type { Database, Queryable } from '@hearth/platform/db';

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
