import type { Queryable } from '@hearth/platform/db';
import { calendarDayIn, designLifeEnds, type CylinderState } from '@hearth/platform/domain';

/**
 * What a consumer learns by scanning a cylinder's QR code (DOMAIN.md: "consumers scan a QR code to
 * see filler, date, weight and inspection validity"): the cylinder, who filled it when and how
 * much, and whether it is fit for use today. Nothing about who holds it or paid for it.
 */
export interface CylinderScan {
  tag: string;
  serial: string;
  specCode: string;
  specName: string;
  ownerCompany: string;
  fillingStationName: string | null;
  filledAt: Date | null;
  netKg: number | null;
  nextInspectionDue: string;
  inspectionValid: boolean;
  designLifeEnds: string;
  designLifeValid: boolean;
  /** Registered and neither scrapped nor reported lost. */
  inService: boolean;
  /** All three: in service, inspected in time, within its design life. */
  fitForUse: boolean;
}

interface ScanRow {
  tag: string;
  serial: string;
  state: CylinderState;
  specCode: string;
  specName: string;
  ownerCompany: string;
  fillingStationName: string | null;
  filledAt: Date | null;
  netKg: number | null;
  nextInspectionDue: string;
  manufacturedOn: string;
  designLifeYears: number;
}

/** The cylinder a tag names, in any tenant (tags are unique everywhere); null when none does. */
export async function scanCylinder(db: Queryable, tag: string, now = new Date()): Promise<CylinderScan | null> {
  const [row] = await db.query<ScanRow>(
    `SELECT c.tag, c.serial, c.state, c.spec_code AS "specCode", s.name AS "specName", c.owner_company AS "ownerCompany",
            site.name AS "fillingStationName", c.last_filled_at AS "filledAt", c.last_net_kg AS "netKg",
            c.next_inspection_due::text AS "nextInspectionDue", c.manufactured_on::text AS "manufacturedOn", c.design_life_years AS "designLifeYears"
       FROM cylinders.cylinder c
       JOIN cylinders.spec s ON s.tenant_id = c.tenant_id AND s.code = c.spec_code
       LEFT JOIN tanks.site site ON site.tenant_id = c.tenant_id AND site.id = c.last_fill_station_id
      WHERE c.tag = $1`,
    [tag],
  );
  if (!row) return null;
  const today = calendarDayIn(now);
  const inService = row.state !== 'SCRAPPED' && row.state !== 'LOST';
  const inspectionValid = row.nextInspectionDue >= today;
  const lifeEnds = designLifeEnds(row.manufacturedOn, row.designLifeYears);
  const designLifeValid = lifeEnds >= today;
  const { state: _state, manufacturedOn: _made, designLifeYears: _years, ...shown } = row;
  return { ...shown, designLifeEnds: lifeEnds, inspectionValid, designLifeValid, inService, fitForUse: inService && inspectionValid && designLifeValid };
}
