import { isUndefinedTable, tableExists, type Queryable } from '@hearth/platform/db';
import type { CylinderState } from '@hearth/platform/domain';
import type { RegistryAnswer } from '../model/filling-decision';

interface Row {
  stationId: string | null;
  company: string | null;
  id: string | null;
  state: CylinderState | null;
  ownerCompany: string | null;
  fixedStationId: string | null;
  nextInspectionDue: string | null;
  designLifeEnds: string | null;
  maxFillKg: number | null;
  toleranceKg: number | null;
}

/**
 * Reads the committed registry for one tag read at one scale, in one query of the cylinders
 * service's published views (ADR 0016: its contract, not its tables): where the scale stands, and
 * the tenant's cylinder carrying the tag. Never cached: a cylinder scrapped a moment ago is seen
 * as scrapped. Views that do not exist yet answer `unavailable`; any other failure throws.
 */
export async function readFillingRegistry(db: Queryable, tenantId: string, scaleId: string, tag: string): Promise<RegistryAnswer> {
  let rows: Row[];
  try {
    rows = await db.query<Row>(
      `SELECT p.station_id AS "stationId", p.company, c.id, c.state, c.owner_company AS "ownerCompany", c.fixed_station_id AS "fixedStationId",
              c.next_inspection_due AS "nextInspectionDue", c.design_life_ends AS "designLifeEnds", c.max_fill_kg AS "maxFillKg", c.tolerance_kg AS "toleranceKg"
         FROM (SELECT 1) AS one
         LEFT JOIN cylinders.scale_place p ON p.tenant_id = $1 AND p.scale_id = $2
         LEFT JOIN cylinders.filling_check c ON c.tenant_id = $1 AND c.tag = $3`,
      [tenantId, scaleId, tag],
    );
  } catch (err) {
    if (isUndefinedTable(err)) return { unavailable: true };
    throw err;
  }
  const row = rows[0];
  if (!row) return { unavailable: true };
  return {
    place: row.stationId !== null && row.company !== null ? { stationId: row.stationId, company: row.company } : null,
    cylinder:
      row.id !== null && row.state !== null
        ? {
            id: row.id,
            state: row.state,
            ownerCompany: row.ownerCompany!,
            fixedStationId: row.fixedStationId,
            nextInspectionDue: row.nextInspectionDue!,
            designLifeEnds: row.designLifeEnds!,
            maxFillKg: row.maxFillKg!,
            toleranceKg: row.toleranceKg!,
          }
        : null,
  };
}

/**
 * Whether a scale device may be bound: it is one of the tenant's filling scales
 * (`cylinders.filling_scale`). Without that table nobody registered any, so none may be bound.
 */
export async function isFillingScaleOf(db: Queryable, tenantId: string, scaleId: string): Promise<boolean> {
  if (!(await tableExists(db, 'cylinders.filling_scale'))) return false;
  return (await db.query('SELECT 1 FROM cylinders.filling_scale WHERE tenant_id = $1 AND id = $2', [tenantId, scaleId])).length > 0;
}
