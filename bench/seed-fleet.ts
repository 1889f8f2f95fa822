import { randomBytes, randomUUID } from 'node:crypto';
import { bindDevicesOfTenant, brokerMigrations, insertGateways } from '@hearth/broker';
import { DEMO_TENANT_ID, hashSecret } from '@hearth/platform';
import { loadMigrations, migrate, type Database } from '@hearth/platform/db';
import { migrateLedger } from '@hearth/platform/ledger';
import { meteringMigrations } from '@hearth/metering';
import { tanksMigrations } from '@hearth/tanks';
import { twinsMigrations } from '@hearth/twins';

export interface FleetSpec {
  gateways: number;
  tanksPerGateway: number;
  metersPerGateway: number;
}

export interface SeededGateway {
  id: string;
  secret: string;
  tanks: string[];
  /** Its prepaid gas meters: `metering.meter` ids. */
  meters: string[];
}

export interface SeededFleet {
  tenantId: string;
  gateways: SeededGateway[];
  tankCount: number;
  meterCount: number;
}

/** Three LPG bullet sizes (diameter, length in mm), as a depot or station would have. */
const BULLETS = [
  [2500, 10_200],
  [3200, 12_500],
  [1900, 7_000],
] as const;

/**
 * Provisions a fleet straight into the stack's database before the stack starts (embedded, PGlite
 * is one process's; on a server the same order keeps both modes alike): one site and one IoT
 * gateway per `gateway`, its tanks (with alarm levels and a strapping table, so their twins derive
 * volume and raise alarms) and its prepaid gas meters (the metering service's, at the same site: the
 * twins store their readings for billing), all bound to it.
 * Bulk SQL with unnest: the APIs take one tank per call and would take minutes for 10,000 devices.
 * The migrations are the services' own, so the stack finds them applied and only adds its demo.
 */
export async function seedFleet(db: Database, spec: FleetSpec): Promise<SeededFleet> {
  await migrate(db, 'tanks', await loadMigrations(tanksMigrations));
  await migrate(db, 'fleet', await loadMigrations(brokerMigrations));
  await migrate(db, 'twins', await loadMigrations(twinsMigrations));
  // The metering tables stand on the ledger's (a meter's wallet; an index of its journals).
  await migrateLedger(db);
  await migrate(db, 'metering', await loadMigrations(meteringMigrations));
  return insertFleet(db, spec);
}

async function insertFleet(db: Database, spec: FleetSpec): Promise<SeededFleet> {
  const tenantId = DEMO_TENANT_ID;
  // One secret for all: the stack verifies each CONNECT against its own scrypt hash anyway.
  const secret = randomBytes(24).toString('base64url');
  const hash = await hashSecret(secret);
  const gateways: SeededGateway[] = Array.from({ length: spec.gateways }, (_, g) => ({
    id: `bench-gw-${String(g + 1).padStart(4, '0')}`,
    secret,
    tanks: Array.from({ length: spec.tanksPerGateway }, () => randomUUID()),
    meters: Array.from({ length: spec.metersPerGateway }, () => randomUUID()),
  }));
  const siteIds = gateways.map(() => randomUUID());
  await insertGateways(
    db,
    tenantId,
    gateways.map((g) => ({ id: g.id, name: `Bench ${g.id}`, secretHash: hash })),
  );
  await db.query(
    `INSERT INTO tanks.site (id, tenant_id, code, name) SELECT id, $3, 'BENCH-' || n, 'Bench site ' || n FROM unnest($1::uuid[], $2::int[]) AS s(id, n)`,
    [siteIds, gateways.map((_, i) => i + 1), tenantId],
  );
  const tanks = gateways.flatMap((g, gi) => g.tanks.map((id, ti) => ({ id, site: siteIds[gi]!, n: ti + 1, bullet: BULLETS[ti % BULLETS.length]! })));
  const capacity = ([d, l]: readonly [number, number]) => Math.round((Math.PI * (d / 2) ** 2 * l) / 1e6);
  await db.query(
    `INSERT INTO tanks.tank (id, tenant_id, site_id, name, product, capacity_liters, density_kg_per_l, high_high_mm, high_mm, low_mm, low_low_mm, alarm_deadband_mm)
     SELECT id, $4, site, 'Bullet ' || n, 'LPG', cap, 0.51, d * 0.8, d * 0.75, d * 0.2, d * 0.12, 15
       FROM unnest($1::uuid[], $2::uuid[], $3::int[], $5::float8[], $6::float8[]) AS t(id, site, n, cap, d)`,
    [tanks.map((t) => t.id), tanks.map((t) => t.site), tanks.map((t) => t.n), tenantId, tanks.map((t) => capacity(t.bullet)), tanks.map((t) => t.bullet[0])],
  );
  const meters = gateways.flatMap((g, gi) => g.meters.map((id, mi) => ({ id, site: siteIds[gi]!, serial: `BENCH-G-${gi + 1}-${mi + 1}` })));
  await db.query(
    `INSERT INTO metering.meter (id, tenant_id, kind, serial, name, site_id)
     SELECT id, $4, 'GAS', serial, 'Gas meter ' || serial, site FROM unnest($1::uuid[], $2::uuid[], $3::text[]) AS m(id, site, serial)`,
    [meters.map((m) => m.id), meters.map((m) => m.site), meters.map((m) => m.serial), tenantId],
  );
  const tables = BULLETS.map(([d, l]) => JSON.stringify(bulletStrapping(d, l)));
  await db.query(
    `INSERT INTO tanks.strapping_table (tenant_id, tank_id, version, points, note) SELECT $3, id, 1, points, 'Bench' FROM unnest($1::uuid[], $2::jsonb[]) AS s(id, points)`,
    [tanks.map((t) => t.id), tanks.map((t) => tables[BULLETS.indexOf(t.bullet)]!), tenantId],
  );
  await bindDevicesOfTenant(
    db,
    tenantId,
    gateways.flatMap((g) => [
      ...g.tanks.map((id) => ({ kind: 'tank' as const, id, gatewayId: g.id })),
      ...g.meters.map((id) => ({ kind: 'meter' as const, id, gatewayId: g.id })),
    ]),
  );
  return { tenantId, gateways, tankCount: tanks.length, meterCount: spec.gateways * spec.metersPerGateway };
}

/** Strapping table of a flat-ended horizontal cylinder (circular segment × length), every 100 mm. */
function bulletStrapping(diameterMm: number, lengthMm: number): { levelMm: number; volumeLiters: number }[] {
  const r = diameterMm / 2;
  const points = [];
  for (let h = 0; h < diameterMm; h += 100) {
    const segment = r * r * Math.acos((r - h) / r) - (r - h) * Math.sqrt(2 * r * h - h * h);
    points.push({ levelMm: h, volumeLiters: Math.round((segment * lengthMm) / 1e6) });
  }
  points.push({ levelMm: diameterMm, volumeLiters: Math.round((Math.PI * r * r * lengthMm) / 1e6) });
  return points;
}
