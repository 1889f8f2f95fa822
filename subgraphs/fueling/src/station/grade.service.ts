import { HearthError, type CallerContext } from '@hearth/platform';
import { auditChange } from '@hearth/platform/audit';
import { queryableOf, type Queryable } from '@hearth/platform/db';
import { validateInput } from '@hearth/platform/graphql';
import type { DataSource } from 'typeorm';
import { ensureDefaultGrades } from './default-grades';
import { GRADE_COLUMNS, type FuelGrade } from './fuel-grade.types';
import { saveGradeSchema, type SaveFuelGradeInput } from './grade.input';

/** A company's grades are few (a forecourt sells a handful): the list is short, never paged. */
export const MAX_GRADES = 50;

/** A company's fuel grades; the defaults are installed on first use. */
export class GradeService {
  constructor(
    private readonly db: Queryable,
    private readonly data: DataSource,
  ) {}

  async list(tenantId: string): Promise<FuelGrade[]> {
    await ensureDefaultGrades(this.db, tenantId);
    return this.db.query<FuelGrade>(`SELECT ${GRADE_COLUMNS} FROM fueling.grade WHERE tenant_id = $1 ORDER BY product, code`, [tenantId]);
  }

  /** The company's grades of these codes (loaders batch into this). */
  async byCodes(tenantId: string, codes: readonly string[], q: Queryable = this.db): Promise<Map<string, FuelGrade>> {
    const rows = await q.query<FuelGrade>(`SELECT ${GRADE_COLUMNS} FROM fueling.grade WHERE tenant_id = $1 AND code = ANY($2::text[])`, [tenantId, codes]);
    return new Map(rows.map((g) => [g.code, g]));
  }

  /** Creates or changes a grade; audited as `fuel-grade.created` or `.updated` with before and after. */
  save(by: CallerContext, input: SaveFuelGradeInput): Promise<FuelGrade> {
    const v = validateInput(saveGradeSchema, input);
    return this.data.transaction(async (em) => {
      const tx = queryableOf(em);
      await ensureDefaultGrades(tx, by.tenantId);
      const [before] = await tx.query<FuelGrade>(`SELECT ${GRADE_COLUMNS} FROM fueling.grade WHERE tenant_id = $1 AND code = $2 FOR UPDATE`, [
        by.tenantId,
        v.code,
      ]);
      if (!before) {
        const [count] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM fueling.grade WHERE tenant_id = $1`, [by.tenantId]);
        if ((count?.n ?? 0) >= MAX_GRADES) {
          throw new HearthError('LIMIT_EXCEEDED', `A company has at most ${MAX_GRADES} grades: change an existing one instead.`, { max: MAX_GRADES });
        }
      }
      const [saved] = await tx.query<FuelGrade>(
        `INSERT INTO fueling.grade (tenant_id, code, name, product) VALUES ($1, $2, $3, $4)
         ON CONFLICT (tenant_id, code) DO UPDATE SET name = EXCLUDED.name, product = EXCLUDED.product
         RETURNING ${GRADE_COLUMNS}`,
        [by.tenantId, v.code, v.name, v.product],
      );
      await auditChange(em, by, 'fueling', before ? 'fuel-grade.updated' : 'fuel-grade.created', `fuel-grade:${v.code}`, {
        before: before ?? null,
        after: saved,
      });
      return saved!;
    });
  }
}

/** The codes among `codes` that name none of the company's grades: writers refuse them, naming the field. */
export async function unknownGrades(q: Queryable, tenantId: string, codes: readonly string[]): Promise<string[]> {
  const rows = await q.query<{ code: string }>(`SELECT code FROM fueling.grade WHERE tenant_id = $1 AND code = ANY($2::text[])`, [tenantId, codes]);
  const known = new Set(rows.map((r) => r.code));
  return codes.filter((c) => !known.has(c));
}
