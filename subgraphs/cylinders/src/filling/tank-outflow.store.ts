import { tableExists, type Queryable } from '@hearth/platform/db';

/**
 * The one module of the cylinders service that reads a tank's measured mass, as a contract with
 * the twins service (its migrations 0001 and 0012 define it; no twins code is imported):
 * `twins.tank_sample (time, tenant_id, tank_id, mass_kg, …)`, where `mass_kg` is the tank twin's
 * derived mass: the strapped volume corrected to reference temperature × the tank's density
 * (twins/src/kinds/tank/model/tank-twin.ts). A reading without a mass (a failed gauge) is no reading.
 */
export async function tankMassAt(db: Queryable, tenantId: string, tankId: string, at: Date, maxAgeMs: number): Promise<number | null> {
  if (!(await tableExists(db, 'twins.tank_sample'))) return null;
  const [row] = await db.query<{ massKg: number }>(
    `SELECT mass_kg AS "massKg" FROM twins.tank_sample
      WHERE tenant_id = $1 AND tank_id = $2 AND time <= $3 AND time >= $4 AND mass_kg IS NOT NULL ORDER BY time DESC LIMIT 1`,
    [tenantId, tankId, at, new Date(at.getTime() - maxAgeMs)],
  );
  return row?.massKg ?? null;
}
