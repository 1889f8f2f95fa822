import { randomBytes } from 'node:crypto';
import { DEMO_TENANT_ID } from '@hearth/platform';
import type { Queryable } from '@hearth/platform/db';

/** A cylinder made for a test: its id, serial and tag. */
export interface TestCylinder {
  id: string;
  serial: string;
  tag: string;
}

/**
 * Cylinders straight into the registry's table in the state a test needs (no registration gets a
 * cylinder to full stock at a store): the spec (made once per tenant) and `count` cylinders in
 * `state` at `siteId`.
 */
export async function stockCylinders(
  db: Queryable,
  siteId: string,
  count: number,
  options: { state?: 'FULL_STOCK' | 'EMPTY_STOCK' | 'FILLED' | 'RETURNED'; spec?: string; tenantId?: string } = {},
): Promise<TestCylinder[]> {
  const { state = 'FULL_STOCK', spec = 'YSP35.5', tenantId = DEMO_TENANT_ID } = options;
  await db.query(
    `INSERT INTO cylinders.spec (tenant_id, code, name, water_capacity_l, nominal_tare_kg, max_fill_kg, tolerance_kg, inspection_interval_years, design_life_years)
     VALUES ($1, $2, $2, 35.5, 16.5, 14.9, 0.2, 4, 12) ON CONFLICT DO NOTHING`,
    [tenantId, spec],
  );
  const serials = Array.from({ length: count }, () => `T${randomBytes(5).toString('hex').toUpperCase()}`);
  return db.query<TestCylinder>(
    `INSERT INTO cylinders.cylinder (tenant_id, serial, tag, spec_code, manufacturer, manufactured_on, design_life_years, next_inspection_due, owner_company, state, location_site_id)
     SELECT $1, s, 'E' || s, $2, 'Test Works', DATE '2024-01-01', 12, DATE '2028-01-01', 'Hearth Gas', $3, $4 FROM unnest($5::text[]) AS s
     RETURNING id::text, serial, tag`,
    [tenantId, spec, state, siteId, serials],
  );
}

/** Stock at a site by state, counted from the cylinders themselves (as the registry counts it). */
export async function stockAt(db: Queryable, siteId: string): Promise<Record<string, number>> {
  const rows = await db.query<{ state: string; n: number }>(
    `SELECT state, count(*)::int AS n FROM cylinders.cylinder WHERE location_site_id = $1 GROUP BY state ORDER BY state`,
    [siteId],
  );
  return Object.fromEntries(rows.map((r) => [r.state, r.n]));
}

/** The states of these cylinders, by state (where they are not: in transit, lost). */
export async function statesOf(db: Queryable, ids: readonly string[]): Promise<Record<string, number>> {
  const rows = await db.query<{ state: string; n: number }>(
    `SELECT state, count(*)::int AS n FROM cylinders.cylinder WHERE id = ANY($1::uuid[]) GROUP BY state ORDER BY state`,
    [ids],
  );
  return Object.fromEntries(rows.map((r) => [r.state, r.n]));
}
