import type { Queryable } from '@hearth/platform/db';
import { FuelProduct } from './fuel-grade.types';

/**
 * The grades a company starts with: what a Chinese forecourt sells. Gasoline by research octane
 * number, 92/95/98 (GB 17930-2016, stage VIB); diesel by cold filter plugging point, 0# the
 * common grade (GB 19147-2016); LPG autogas (GB 19159-2012). A company renames or adds grades
 * (−10# diesel in winter, CNG) with `saveFuelGrade`.
 */
export const DEFAULT_GRADES = [
  { code: '92#', name: '92# gasoline', product: FuelProduct.GASOLINE },
  { code: '95#', name: '95# gasoline', product: FuelProduct.GASOLINE },
  { code: '98#', name: '98# gasoline', product: FuelProduct.GASOLINE },
  { code: '0#', name: '0# diesel', product: FuelProduct.DIESEL },
  { code: 'LPG', name: 'LPG autogas', product: FuelProduct.LPG },
] as const;

/**
 * Installs the default grades for a company that has no grade yet, so a new company finds them
 * without a setup step. Only on first use: a company that has grades keeps exactly the ones it
 * has (and a read does not write once it has them). Every reader and writer of grades calls this first.
 */
export async function ensureDefaultGrades(q: Queryable, tenantId: string): Promise<void> {
  await q.query(
    `INSERT INTO fueling.grade (tenant_id, code, name, product)
     SELECT $1, d.code, d.name, d.product FROM unnest($2::text[], $3::text[], $4::text[]) AS d(code, name, product)
     WHERE NOT EXISTS (SELECT 1 FROM fueling.grade WHERE tenant_id = $1)
     ON CONFLICT (tenant_id, code) DO NOTHING`,
    [tenantId, DEFAULT_GRADES.map((g) => g.code), DEFAULT_GRADES.map((g) => g.name), DEFAULT_GRADES.map((g) => g.product)],
  );
}
