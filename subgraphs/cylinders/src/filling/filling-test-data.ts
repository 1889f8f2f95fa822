import { randomBytes, randomUUID } from 'node:crypto';
import { DEMO_TENANT_ID } from '@hearth/platform';
import type { Queryable } from '@hearth/platform/db';

/**
 * Test data for the filling area. `twins.scale_fill` is the twins service's (its scale kind's
 * migration): until that lands, the tests make it with the contract's DDL, as that migration must.
 */
export async function createScaleFillTable(db: Queryable): Promise<void> {
  await db.query(`CREATE SCHEMA IF NOT EXISTS twins`);
  await db.query(
    `CREATE TABLE twins.scale_fill (id uuid NOT NULL, time timestamptz NOT NULL, tenant_id uuid NOT NULL, scale_id text NOT NULL, tag text NOT NULL,
       cylinder_id uuid, tare_kg double precision NOT NULL, gross_kg double precision NOT NULL, net_kg double precision NOT NULL, operator text,
       released boolean NOT NULL, overfill boolean NOT NULL, seq bigint, received_at timestamptz NOT NULL)`,
  );
  await db.query(`CREATE INDEX scale_fill_received ON twins.scale_fill (received_at, id)`);
}

export interface TestFill {
  tag: string;
  cylinderId?: string | null;
  scaleId?: string;
  netKg?: number;
  released?: boolean;
  overfill?: boolean;
  at?: Date;
  receivedAt?: Date;
}

/** A fill as the scale kind stores it; returns its id. */
export async function insertScaleFill(db: Queryable, fill: TestFill): Promise<string> {
  const id = randomUUID();
  const net = fill.netKg ?? 14.5;
  await db.query(
    `INSERT INTO twins.scale_fill (id, time, tenant_id, scale_id, tag, cylinder_id, tare_kg, gross_kg, net_kg, operator, released, overfill, received_at)
     VALUES ($1, $2, $3, $4, $5, $6, 16.2, $7, $8, 'op-7', $9, $10, $11)`,
    [
      id,
      fill.at ?? new Date(),
      DEMO_TENANT_ID,
      fill.scaleId ?? 'scale-1',
      fill.tag,
      fill.cylinderId ?? null,
      16.2 + net,
      net,
      fill.released ?? true,
      fill.overfill ?? false,
      fill.receivedAt ?? new Date(),
    ],
  );
  return id;
}

/** A spec, a filling station filling from `tankId` with one scale `scale-1`. */
export async function createStation(db: Queryable, stationId: string, tankId: string): Promise<void> {
  await db.query(
    `INSERT INTO cylinders.spec (tenant_id, code, name, water_capacity_l, nominal_tare_kg, max_fill_kg, tolerance_kg, inspection_interval_years, design_life_years)
     VALUES ($1, 'YSP35.5', 'YSP35.5 15 kg', 35.5, 16.2, 14.9, 0.3, 4, 12) ON CONFLICT DO NOTHING`,
    [DEMO_TENANT_ID],
  );
  await db.query(`INSERT INTO cylinders.filling_station (tenant_id, site_id, company, source_tank_id) VALUES ($1, $2, 'Hearth Gas', $3)`, [
    DEMO_TENANT_ID,
    stationId,
    tankId,
  ]);
  await db.query(`INSERT INTO cylinders.filling_scale (tenant_id, id, station_id, name) VALUES ($1, 'scale-1', $2, 'Line 1')`, [DEMO_TENANT_ID, stationId]);
}

/** A registered cylinder of spec YSP35.5 in `state` at the station; returns its id and tag. */
export async function createCylinder(db: Queryable, stationId: string, state = 'EMPTY_STOCK'): Promise<{ id: string; tag: string }> {
  const tag = `E280${randomBytes(6).toString('hex')}`;
  const [row] = await db.query<{ id: string }>(
    `INSERT INTO cylinders.cylinder (tenant_id, serial, tag, spec_code, manufacturer, manufactured_on, design_life_years, next_inspection_due,
                                     owner_company, state, location_site_id)
     VALUES ($1, $2, $3, 'YSP35.5', 'Acme', '2022-01-01', 12, '2030-01-01', 'Hearth Gas', $4, $5) RETURNING id::text`,
    [DEMO_TENANT_ID, `SN-${tag.slice(-8)}`, tag, state, stationId],
  );
  return { id: row!.id, tag };
}
