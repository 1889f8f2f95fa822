import { TableCursor, timeKeySql, type Queryable, type TableKey } from '@hearth/platform/db';
import type { PriceEntry } from '@hearth/platform/domain';

/**
 * The one module of the twins service that reads the fueling service's prices, as a contract (its
 * migration 0001; nothing there is written): `fueling.price (id, tenant_id, grade_code, station_id
 * null = every station, unit_price_minor, effective_at)`, `fueling.pump (tenant_id, id,
 * station_id)`, `fueling.nozzle (tenant_id, pump_id, grade_code)`. Until they exist nothing is read.
 */
export const PRICE_TABLE = 'fueling.price';
const NO_STATION = '00000000-0000-0000-0000-000000000000';

/** A price change whose time has come. */
export interface DuePrice {
  id: string;
  tenantId: string;
  /** `effective_at` to the microsecond, as the cursor keeps it. */
  effectiveKey: string;
}

/** How far the price board has read the price changes whose time came (its migration starts it at the migration's time). */
export const priceCursor = new TableCursor('twins.pump_price_cursor', PRICE_TABLE, { at: 'effective_at', id: 'price_id' });

/** Up to `limit` price changes in effect at `now`, after `(effectiveAt, id)`, in that order. */
export function duePricesAfter(db: Queryable, after: TableKey, limit: number, now: Date): Promise<DuePrice[]> {
  return db.query<DuePrice>(
    `SELECT p.id::text, p.tenant_id::text AS "tenantId", ${timeKeySql('p.effective_at')} AS "effectiveKey" FROM fueling.price p
      WHERE p.effective_at >= $1::timestamptz AND (p.effective_at, p.id) > ($1::timestamptz, $2::uuid) AND p.effective_at <= $4
      ORDER BY p.effective_at, p.id LIMIT $3`,
    [after[0], after[1], limit, now],
  );
}

/** The soonest price change still to take effect after `now`, of any company; null when none is scheduled. */
export async function nextEffectiveAt(db: Queryable, now: Date): Promise<Date | null> {
  const [row] = await db.query<{ at: Date | null }>(`SELECT min(effective_at) AS at FROM fueling.price WHERE effective_at > $1`, [now]);
  return row?.at ?? null;
}

/**
 * Notes a price change due on every pump it applies to: the station's pumps, or every pump of the
 * company for a company-wide price, that have a nozzle of its grade. Once per (price, pump),
 * however often it is read (the look-back window, other instances).
 */
export async function noteDue(db: Queryable, priceId: string): Promise<void> {
  await db.query(
    `INSERT INTO twins.pump_price_send (price_id, pump_id, tenant_id, outcome)
     SELECT p.id, pu.id, p.tenant_id, 'DUE' FROM fueling.price p
       JOIN fueling.pump pu ON pu.tenant_id = p.tenant_id AND (p.station_id IS NULL OR pu.station_id = p.station_id)
      WHERE p.id = $1 AND EXISTS (SELECT 1 FROM fueling.nozzle n WHERE n.tenant_id = pu.tenant_id AND n.pump_id = pu.id AND n.grade_code = p.grade_code)
     ON CONFLICT (price_id, pump_id) DO NOTHING`,
    [priceId],
  );
}

/** What a pump is priced from: its station, its nozzles' grades, whether it is bound to a gateway, and the price entries that decide. */
export interface PumpPricing {
  stationId: string;
  grades: string[];
  bound: boolean;
  /** Per grade, the newest station price and the newest company-wide price in effect at `at`: all `priceAt` needs. */
  entries: PriceEntry[];
}

/** The pump's pricing at `at`; null when it is no pump of the company (any more). */
export async function pumpPricing(db: Queryable, tenantId: string, pumpId: string, at: Date): Promise<PumpPricing | null> {
  const [pump] = await db.query<Omit<PumpPricing, 'entries'>>(
    `SELECT p.station_id::text AS "stationId",
            array(SELECT DISTINCT n.grade_code FROM fueling.nozzle n WHERE n.tenant_id = p.tenant_id AND n.pump_id = p.id ORDER BY 1) AS grades,
            EXISTS (SELECT 1 FROM fleet.device d WHERE d.tenant_id = p.tenant_id AND d.kind = 'pump' AND d.id = p.id) AS bound
       FROM fueling.pump p WHERE p.tenant_id = $1 AND p.id = $2`,
    [tenantId, pumpId],
  );
  if (!pump) return null;
  // Two backward scans of `price_one_per_instant` per grade, however long the price history.
  const entries = await db.query<PriceEntry>(
    `SELECT e.* FROM unnest($3::text[]) AS g(code) CROSS JOIN (VALUES ($2::uuid), ('${NO_STATION}'::uuid)) AS scope(station)
     CROSS JOIN LATERAL (
       SELECT p.grade_code AS "gradeCode", p.station_id::text AS "stationId", p.unit_price_minor::float8 AS "unitPriceMinor", p.effective_at AS "effectiveAt"
         FROM fueling.price p
        WHERE p.tenant_id = $1 AND p.grade_code = g.code AND coalesce(p.station_id, '${NO_STATION}'::uuid) = scope.station AND p.effective_at <= $4
        ORDER BY p.effective_at DESC LIMIT 1) e`,
    [tenantId, pump.stationId, pump.grades, at],
  );
  return { ...pump, entries };
}
