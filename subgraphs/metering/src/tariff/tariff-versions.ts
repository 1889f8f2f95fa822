import { isUuid, type Queryable } from '@hearth/platform/db';
import type { TariffStructure, TariffVersion } from '@hearth/platform/domain';

/** A version as stored: the rules' `TariffVersion` and the row's own facts. */
export interface StoredTariffVersion extends TariffVersion {
  id: string;
  tariffId: string;
  /** Local dates ('YYYY-MM-DD'), sorted; empty when none. */
  holidays: string[];
  structure: TariffStructure;
  /** The official price a capped resale tariff is held to (ten-thousandths of a yuan per unit); null when not given. */
  officialUnitPriceE4: number | null;
  createdAt: Date;
}

/** The columns of `metering.tariff_version` (aliased `v`) as a `StoredTariffVersion`. */
export const VERSION_COLUMNS = `v.id::text AS id, v.tariff_id::text AS "tariffId", v.effective_from AS "effectiveFrom", v.structure,
  ARRAY(SELECT to_char(d, 'YYYY-MM-DD') FROM unnest(v.holidays) AS d ORDER BY d) AS holidays,
  v.official_unit_price_e4 AS "officialUnitPriceE4", v.created_at AS "createdAt"`;

/**
 * Every version of each of the tenant's tariffs among `tariffIds`, oldest first (the order the rules'
 * `chargeInterval` and `tariffVersionAt` take): what a charge is priced with. Call it in the caller's
 * transaction so the versions and the charge are read from one snapshot. Tariffs not the tenant's,
 * or without versions, are left out (`get(id) ?? []`).
 */
export async function tariffVersionsFor(q: Queryable, tenantId: string, tariffIds: readonly string[]): Promise<Map<string, StoredTariffVersion[]>> {
  const valid = [...new Set(tariffIds.filter(isUuid).map((id) => id.toLowerCase()))];
  const byTariff = new Map<string, StoredTariffVersion[]>();
  if (valid.length === 0) return byTariff;
  const rows = await q.query<StoredTariffVersion>(
    `SELECT ${VERSION_COLUMNS} FROM metering.tariff_version v WHERE v.tenant_id = $1 AND v.tariff_id = ANY($2::uuid[]) ORDER BY v.tariff_id, v.effective_from`,
    [tenantId, valid],
  );
  for (const row of rows) {
    const version = { ...row, structure: typeof row.structure === 'string' ? (JSON.parse(row.structure) as TariffStructure) : row.structure };
    const list = byTariff.get(row.tariffId);
    if (list) list.push(version);
    else byTariff.set(row.tariffId, [version]);
  }
  return byTariff;
}
