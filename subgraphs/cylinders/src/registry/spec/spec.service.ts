import type { CallerContext } from '@hearth/platform';
import { auditChange } from '@hearth/platform/audit';
import { queryableOf, type Queryable } from '@hearth/platform/db';
import { validateInput } from '@hearth/platform/graphql';
import type { DataSource } from 'typeorm';
import { SPEC_COLUMNS, type CylinderSpec } from './cylinder-spec.types';
import { ensureDefaultSpecs } from './default-specs';
import { saveSpecSchema, type SaveCylinderSpecInput } from './spec.input';

/** A tenant's cylinder specs; the GB 5842 defaults are installed on first read. */
export class SpecService {
  constructor(
    private readonly db: Queryable,
    private readonly data: DataSource,
  ) {}

  async list(tenantId: string): Promise<CylinderSpec[]> {
    await ensureDefaultSpecs(this.db, tenantId);
    return this.db.query<CylinderSpec>(`SELECT ${SPEC_COLUMNS} FROM cylinders.spec WHERE tenant_id = $1 ORDER BY code`, [tenantId]);
  }

  /** The tenant's specs of these codes; the defaults are not installed here (a cylinder's spec exists: a foreign key says so). */
  async byCodes(tenantId: string, codes: readonly string[], q: Queryable = this.db): Promise<Map<string, CylinderSpec>> {
    const rows = await q.query<CylinderSpec>(`SELECT ${SPEC_COLUMNS} FROM cylinders.spec WHERE tenant_id = $1 AND code = ANY($2::text[])`, [tenantId, codes]);
    return new Map(rows.map((s) => [s.code, s]));
  }

  /** Creates or replaces a spec; audited as `cylinder-spec.saved` with what changed. */
  save(by: CallerContext, input: SaveCylinderSpecInput): Promise<CylinderSpec> {
    const v = validateInput(saveSpecSchema, input);
    return this.data.transaction(async (em) => {
      const tx = queryableOf(em);
      await ensureDefaultSpecs(tx, by.tenantId);
      const [before] = await tx.query<CylinderSpec>(`SELECT ${SPEC_COLUMNS} FROM cylinders.spec WHERE tenant_id = $1 AND code = $2 FOR UPDATE`, [
        by.tenantId,
        v.code,
      ]);
      const [saved] = await tx.query<CylinderSpec>(
        `INSERT INTO cylinders.spec (tenant_id, code, name, water_capacity_l, nominal_tare_kg, max_fill_kg, tolerance_kg, inspection_interval_years, design_life_years, deposit_minor)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (tenant_id, code) DO UPDATE SET name = EXCLUDED.name, water_capacity_l = EXCLUDED.water_capacity_l, nominal_tare_kg = EXCLUDED.nominal_tare_kg,
           max_fill_kg = EXCLUDED.max_fill_kg, tolerance_kg = EXCLUDED.tolerance_kg, inspection_interval_years = EXCLUDED.inspection_interval_years,
           design_life_years = EXCLUDED.design_life_years, deposit_minor = EXCLUDED.deposit_minor, updated_at = now()
         RETURNING ${SPEC_COLUMNS}`,
        [
          by.tenantId,
          v.code,
          v.name ?? v.code,
          v.waterCapacityL,
          v.nominalTareKg,
          v.maxFillKg,
          v.toleranceKg,
          v.inspectionIntervalYears,
          v.designLifeYears,
          v.depositMinor,
        ],
      );
      const { updatedAt: _was, ...was } = before ?? ({} as Partial<CylinderSpec>);
      const { updatedAt: _is, ...is } = saved!;
      await auditChange(em, by, 'cylinders', before ? 'cylinder-spec.updated' : 'cylinder-spec.created', `cylinder-spec:${v.code}`, {
        before: before ? was : null,
        after: is,
      });
      return saved!;
    });
  }
}
