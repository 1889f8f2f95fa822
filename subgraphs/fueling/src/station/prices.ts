import { isUuid, type Queryable } from '@hearth/platform/db';
import { priceAt, type PriceEntry } from '@hearth/platform/domain';

/** A price entry as stored: the rule's fields and the row's id. */
export interface StoredPrice extends PriceEntry {
  id: string;
  createdAt: Date;
}

/** `coalesce(station_id, NO_STATION)` is how the unique index keys a company-wide price. */
const NO_STATION = '00000000-0000-0000-0000-000000000000';

export const PRICE_COLUMNS = `p.id::text AS id, p.grade_code AS "gradeCode", p.station_id::text AS "stationId",
  p.unit_price_minor::float8 AS "unitPriceMinor", p.effective_at AS "effectiveAt", p.created_at AS "createdAt"`;

/**
 * For each grade (of `gradeCodes`, or all the company's), the newest station price and the newest
 * company-wide price in effect at `at` at the station: all that any rule deciding between a
 * station's own price and the company's needs. Two backward index scans per grade
 * (`price_one_per_instant`), however long the price history.
 */
async function candidates(q: Queryable, tenantId: string, stationId: string, at: Date, gradeCodes: readonly string[] | null): Promise<StoredPrice[]> {
  return q.query<StoredPrice>(
    `SELECT e.* FROM fueling.grade g CROSS JOIN (VALUES ($2::uuid), ('${NO_STATION}'::uuid)) AS scope(station)
     CROSS JOIN LATERAL (
       SELECT ${PRICE_COLUMNS} FROM fueling.price p
       WHERE p.tenant_id = g.tenant_id AND p.grade_code = g.code AND coalesce(p.station_id, '${NO_STATION}'::uuid) = scope.station AND p.effective_at <= $3
       ORDER BY p.effective_at DESC LIMIT 1
     ) e
     WHERE g.tenant_id = $1 AND ($4::text[] IS NULL OR g.code = ANY($4::text[]))`,
    [tenantId, stationId, at, gradeCodes],
  );
}

/**
 * The price of each grade in effect at the station at `at`, with the entry it comes from, by the
 * one rule the platform prices with (`priceAt`): the newest entry in effect wins, from its very
 * instant; a station's own price beats the company-wide one of the same instant, and a company
 * price set later replaces it (as a national adjustment replaces every local price). Grades with
 * no price in effect yet are left out.
 */
export async function pricesInEffect(
  q: Queryable,
  tenantId: string,
  stationId: string,
  at: Date,
  gradeCodes: readonly string[] | null = null,
): Promise<StoredPrice[]> {
  if (!isUuid(stationId)) return [];
  const found = await candidates(q, tenantId, stationId, at, gradeCodes);
  const grades = [...new Set(found.map((e) => e.gradeCode))].sort();
  return grades.flatMap((grade) => {
    const mine = found.filter((e) => e.gradeCode === grade);
    const price = priceAt(mine, grade, stationId, at);
    // The entry shown is the one the rule picked: of those at that price, the newest, a station's first.
    const entry = mine
      .filter((e) => e.unitPriceMinor === price)
      .sort((a, b) => b.effectiveAt.getTime() - a.effectiveAt.getTime() || Number(b.stationId !== null) - Number(a.stationId !== null))[0];
    return entry ? [entry] : [];
  });
}

/**
 * The unit price (fen per litre) of a grade at a station at an instant, null when none was in
 * effect: what an authorisation is priced at and a settled sale checked against. Call it inside
 * the caller's transaction (`tx`) so the price and the sale are read from one snapshot.
 */
export async function priceInEffect(tx: Queryable, tenantId: string, stationId: string, gradeCode: string, at: Date): Promise<number | null> {
  const [entry] = await pricesInEffect(tx, tenantId, stationId, at, [gradeCode]);
  return entry?.unitPriceMinor ?? null;
}
