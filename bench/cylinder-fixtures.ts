import type { Database } from '@hearth/platform/db';

/** The company whose cylinders the bench's filling station fills (every bench tenant's own company has this name). */
export const BENCH_COMPANY = 'Hearth Gas';
/** Cylinders generated per statement (and per progress line). */
const BATCH = 100_000;

const pad = (n: number, width: number) => String(n).padStart(width, '0');
/** Cylinder `i` (1-based) of bench tenant `t` (1 or 2): fixed ids, so a query names one without a lookup. */
export const benchCylinderId = (t: number, i: number): string => `c0000000-000${t}-4000-8000-${pad(i, 12)}`;
export const benchCylinderTag = (t: number, i: number): string => `E2${t}${pad(i, 10)}`;
/** Site `k` (0-based) of bench tenant `t`: 0 is the filling station, 1–4 depots, the rest stores. */
export const benchSiteId = (t: number, k: number): string => `5e000000-000${t}-4000-8000-${pad(k, 12)}`;
/** Events of cylinder `i` in `cylinders.cylinder_event`: 2 to 4, 3 on average. */
export const benchEventCount = (i: number): number => 2 + (i % 3);

/**
 * The state of cylinder `i` by `i % 100`: 30 % at customers, 4 % in transit, most of the rest in
 * stock at stores and depots (full 24 %, empty 28 %, returned with residual gas 5 %), a few being
 * filled, inspected, just registered, lost (2 %) or scrapped (1 %).
 */
const STATE_SQL = `CASE WHEN b < 30 THEN 'AT_CUSTOMER' WHEN b < 34 THEN 'IN_TRANSIT' WHEN b < 58 THEN 'FULL_STOCK' WHEN b < 86 THEN 'EMPTY_STOCK'
  WHEN b < 91 THEN 'RETURNED' WHEN b < 94 THEN 'FILLED' WHEN b < 96 THEN 'INSPECTION' WHEN b < 97 THEN 'REGISTERED' WHEN b < 99 THEN 'LOST' ELSE 'SCRAPPED' END`;

export interface CylinderTenantSpec {
  /** 1 or 2 (ids and tags carry it). */
  t: number;
  tenantId: string;
  cylinders: number;
  /** At least 6: the filling station, 4 depots, stores. */
  sites: number;
}

/**
 * One tenant's cylinder registry, in SQL: `sites` sites in `tanks.site`, `cylinders` cylinders
 * spread over them and over states as above (40 % of those in stock at the 5 depots, the filling
 * station among them, the rest at stores), and 2–4 events each in the `cylinders.cylinder_event`
 * hypertable over the last two years, written `BATCH` cylinders a statement. Specs must exist
 * (the tenant's GB 5842 defaults). Some cylinders are refused by the filling check on purpose:
 * inspection overdue (1 in 151), past design life (1 in 211), another company's (1 in 97).
 */
export async function seedCylinderTenant(db: Database, o: CylinderTenantSpec, onStep?: (message: string) => void): Promise<{ events: number }> {
  if (o.sites < 6) throw new Error('a bench tenant needs at least 6 sites');
  await db.query(
    `INSERT INTO tanks.site (id, tenant_id, code, name)
     SELECT ('5e000000-000${o.t}-4000-8000-' || lpad(k::text, 12, '0'))::uuid, $1, 'CYL-' || k,
            CASE WHEN k = 0 THEN 'Filling station' WHEN k < 5 THEN 'Depot ' || k ELSE 'Store ' || k END
       FROM generate_series(0, $2::int - 1) k`,
    [o.tenantId, o.sites],
  );
  for (let from = 1; from <= o.cylinders; from += BATCH) {
    const to = Math.min(o.cylinders, from + BATCH - 1);
    await db.query(
      `INSERT INTO cylinders.cylinder (id, tenant_id, serial, tag, spec_code, manufacturer, manufactured_on, design_life_years, last_inspected_on,
           next_inspection_due, owner_company, state, location_site_id, holder_customer_id, transfer_order_id, in_transit_full, created_at, updated_at)
         SELECT ('c0000000-000${o.t}-4000-8000-' || lpad(i::text, 12, '0'))::uuid, $1, 'BS${o.t}' || lpad(i::text, 9, '0'), 'E2${o.t}' || lpad(i::text, 10, '0'),
                CASE i % 10 WHEN 0 THEN 'YSP5' WHEN 1 THEN 'YSP10' WHEN 2 THEN 'YSP50' WHEN 3 THEN 'YSP35.5' ELSE 'YSP15' END,
                CASE i % 3 WHEN 0 THEN 'Acme Cylinders' WHEN 1 THEN 'Shunda' ELSE 'Jinan Steel' END,
                mfg, 8, due - interval '4 years', due,
                CASE WHEN i % 97 = 0 THEN 'Other Gas' ELSE $4 END,
                st,
                CASE WHEN st IN ('AT_CUSTOMER', 'IN_TRANSIT', 'LOST') THEN NULL
                     WHEN (i::bigint * 7919) % 10 < 4 THEN ('5e000000-000${o.t}-4000-8000-' || lpad((i % 5)::text, 12, '0'))::uuid
                     ELSE ('5e000000-000${o.t}-4000-8000-' || lpad((5 + i % ($5::int - 5))::text, 12, '0'))::uuid END,
                CASE WHEN st = 'AT_CUSTOMER' THEN ('cc000000-000${o.t}-4000-8000-' || lpad((i % 400000)::text, 12, '0'))::uuid END,
                CASE WHEN st = 'IN_TRANSIT' THEN ('7f000000-000${o.t}-4000-8000-' || lpad((i % 300)::text, 12, '0'))::uuid END,
                CASE WHEN st = 'IN_TRANSIT' THEN i % 2 = 0 END,
                created, created
           FROM generate_series($2::int, $3::int) i,
                LATERAL (SELECT i % 100 AS b) x,
                LATERAL (SELECT ${STATE_SQL} AS st,
                                CASE WHEN i % 211 = 0 THEN date '2017-06-01' ELSE date '2019-01-01' + (i * 7) % 2400 END AS mfg,
                                CASE WHEN i % 151 = 0 THEN current_date - 30 ELSE current_date + 1 + (i * 31) % 1400 END AS due,
                                now() - make_interval(days => 30 + (i * 13) % 700) AS created) s`,
      [o.tenantId, from, to, BENCH_COMPANY, o.sites],
    );
    onStep?.(`tenant ${o.t}: ${to.toLocaleString('en-US')} cylinders`);
  }
  let events = 0;
  for (let from = 1; from <= o.cylinders; from += BATCH) {
    const to = Math.min(o.cylinders, from + BATCH - 1);
    // Each cylinder's life from its registration: registered, stocked empty, filled, stocked full, handed over, taken back,
    // a few days apart (the history query reads the newest page of them).
    const [row] = await db.query<{ n: number }>(
      `WITH ins AS (
         INSERT INTO cylinders.cylinder_event (tenant_id, cylinder_id, at, event, from_state, to_state, site_id, device_id, actor, ref)
         SELECT $1, ('c0000000-000${o.t}-4000-8000-' || lpad(i::text, 12, '0'))::uuid,
                now() - make_interval(days => 30 + (i * 13) % 700) + make_interval(days => (k - 1) * (1 + i % 9), secs => i % 3600),
                (ARRAY['REGISTER', 'STOCK_IN_EMPTY', 'FILL', 'STOCK_IN_FULL'])[k],
                (ARRAY[NULL, 'REGISTERED', 'EMPTY_STOCK', 'FILLED'])[k],
                (ARRAY['REGISTERED', 'EMPTY_STOCK', 'FILLED', 'FULL_STOCK'])[k],
                ('5e000000-000${o.t}-4000-8000-' || lpad(CASE WHEN k = 3 THEN '0' ELSE (i % $4::int)::text END, 12, '0'))::uuid,
                CASE WHEN k = 3 THEN 'scale-' || (1 + i % 20) END,
                CASE WHEN k = 3 THEN 'service:cylinder-fills' ELSE 'user:bench-' || (i % 50) END,
                CASE WHEN k = 1 THEN 'import:bench' WHEN k = 3 THEN 'fill:' || i END
           FROM generate_series($2::int, $3::int) i, generate_series(1, 2 + i % 3) k
         RETURNING 1)
       SELECT count(*)::int AS n FROM ins`,
      [o.tenantId, from, to, o.sites],
    );
    events += row!.n;
    onStep?.(`tenant ${o.t}: events of ${to.toLocaleString('en-US')} cylinders (${events.toLocaleString('en-US')} rows)`);
  }
  return { events };
}

/**
 * Tags for the filling interlock, read from the registry: cylinders the filling check passes at
 * `stationId` (empty or returned, the company's, in date), and cylinders it refuses with each of
 * a few reasons. Tags of another tenant are unregistered here.
 */
export async function interlockTags(
  db: Database,
  tenantId: string,
  perKind: { good: number; refused: number },
): Promise<{ good: { tag: string; id: string }[]; refused: { tag: string; id: string | null; reason: string }[] }> {
  const pick = (where: string, limit: number) =>
    db.query<{ tag: string; id: string }>(`SELECT tag, id::text FROM cylinders.filling_check WHERE tenant_id = $1 AND ${where} ORDER BY id LIMIT ${limit}`, [
      tenantId,
    ]);
  const today = `(now() AT TIME ZONE 'Asia/Shanghai')::date::text`;
  const inDate = `next_inspection_due >= ${today} AND design_life_ends >= ${today}`;
  const good = await pick(
    `state IN ('EMPTY_STOCK', 'RETURNED') AND owner_company = '${BENCH_COMPANY}' AND fixed_station_id IS NULL AND ${inDate}`,
    perKind.good,
  );
  const n = perKind.refused;
  const refused = [
    ...(await pick(`state = 'SCRAPPED'`, n)).map((r) => ({ ...r, reason: 'SCRAPPED' })),
    ...(await pick(`state = 'EMPTY_STOCK' AND next_inspection_due < ${today} AND design_life_ends >= ${today}`, n)).map((r) => ({
      ...r,
      reason: 'INSPECTION_OVERDUE',
    })),
    ...(await pick(`state = 'EMPTY_STOCK' AND owner_company <> '${BENCH_COMPANY}' AND ${inDate}`, n)).map((r) => ({ ...r, reason: 'FOREIGN_OWNER' })),
    ...(await pick(`state = 'FULL_STOCK' AND owner_company = '${BENCH_COMPANY}' AND ${inDate}`, n)).map((r) => ({ ...r, reason: 'NOT_FILLABLE_NOW' })),
  ];
  return { good, refused };
}
