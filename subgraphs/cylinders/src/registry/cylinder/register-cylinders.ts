import { randomUUID } from 'node:crypto';
import { HearthError, type CallerContext } from '@hearth/platform';
import { auditChange } from '@hearth/platform/audit';
import { isUniqueViolation, queryableOf } from '@hearth/platform/db';
import { refused, type ImportProblem, type ImportResult } from '@hearth/platform/import';
import type { RegistryDeps } from '../registry-deps';
import { insertRegistrations } from './insert-registrations';
import { checkRegistrations, ROW, type NumberedRow, type RowProblem } from './registration-check';

/** The most rows one import takes (a depot's year of purchases); larger files go in parts. */
export const MAX_IMPORT_ROWS = 10_000;

/** An import's outcome, as the fleet's imports give theirs, and its id. */
export interface CylinderImportResult extends ImportResult {
  importId: string;
}

/** A row of an import: its number, the CSV line it starts on (null for JSON), its fields. */
export interface ImportedRow extends NumberedRow {
  line: number | null;
}

/**
 * Registers one cylinder, REGISTERED at its site, with a REGISTER event; audited. A serial of yours
 * or a tag of anyone's already registered is CONFLICT naming the field.
 */
export async function registerCylinder(deps: RegistryDeps, by: CallerContext, input: unknown): Promise<string> {
  return uniqueOrConflict(() =>
    deps.data.transaction(async (em) => {
      const tx = queryableOf(em);
      const { registrations, problems } = await checkRegistrations(tx, deps.specs, by.tenantId, [{ row: 1, value: input }]);
      if (problems.length > 0) throw singleRowError(problems);
      const [id] = await insertRegistrations(tx, by, registrations, null);
      await auditChange(em, by, 'cylinders', 'cylinder.registered', `cylinder:${id}`, { ...registrations[0] });
      return id!;
    }),
  );
}

/**
 * Registers cylinders given as objects (a seed, a caller other than GraphQL) as a file import is:
 * all or nothing, every problem by row (from 1, in the array's order).
 */
export async function importCylinders(deps: RegistryDeps, by: CallerContext, rows: readonly unknown[]): Promise<CylinderImportResult> {
  if (rows.length > MAX_IMPORT_ROWS) {
    throw new HearthError('LIMIT_EXCEEDED', `At most ${MAX_IMPORT_ROWS} rows per import; this one has ${rows.length}. Split the file.`, {
      max: MAX_IMPORT_ROWS,
    });
  }
  const empty: ImportProblem[] = rows.length === 0 ? [{ row: 0, line: null, field: null, message: 'there are no rows to import' }] : [];
  return registerRows(
    deps,
    by,
    rows.map((value, i) => ({ row: i + 1, line: null, value })),
    empty,
  );
}

/**
 * The import: every row is checked first (with `problems` already found reading the file), and if
 * any is bad nothing is registered and the result lists every problem by row. Otherwise a few
 * statements insert them all, with one REGISTER event each (ref `import:<id>`).
 */
export async function registerRows(
  deps: RegistryDeps,
  by: CallerContext,
  rows: readonly ImportedRow[],
  problems: ImportProblem[],
  details: Record<string, unknown> = {},
): Promise<CylinderImportResult> {
  const importId = randomUUID();
  if (rows.length === 0) return { ...refused(0, problems), importId };
  const lines = new Map(rows.map((r) => [r.row, r.line]));
  return uniqueOrConflict(() =>
    deps.data.transaction(async (em) => {
      const tx = queryableOf(em);
      const checked = await checkRegistrations(tx, deps.specs, by.tenantId, rows);
      const all = [
        ...problems,
        ...checked.problems.map((p) => ({ row: p.row, line: lines.get(p.row) ?? null, field: p.field === ROW ? null : p.field, message: p.message })),
      ];
      if (all.length > 0) return { ...refused(rows.length, all), importId };
      await insertRegistrations(tx, by, checked.registrations, `import:${importId}`);
      await auditChange(em, by, 'cylinders', 'cylinders.imported', `import:${importId}`, { ...details, imported: rows.length });
      return { rows: rows.length, imported: rows.length, rejectedRows: 0, problems: [], importId };
    }),
  );
}

/** A single registration's first problem as its error: CONFLICT or NOT_FOUND naming the field, or every bad field. */
function singleRowError(problems: RowProblem[]): HearthError {
  const conflict = problems.find((p) => p.kind === 'conflict');
  if (conflict) return new HearthError('CONFLICT', `Cannot register: ${conflict.message}.`, { field: conflict.field });
  const missing = problems.find((p) => p.kind === 'not-found');
  if (missing) return new HearthError('NOT_FOUND', `Cannot register: ${missing.message}.`, { field: missing.field });
  return new HearthError('BAD_USER_INPUT', 'Invalid cylinder.', { fields: problems.map(({ field, message }) => ({ field, message })) });
}

/** A registration that raced another for a serial or tag (checked, then taken meanwhile). */
async function uniqueOrConflict<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const detail = String((err as { detail?: unknown }).detail ?? (err as { driverError?: { detail?: unknown } }).driverError?.detail ?? '');
    const field = detail.includes('(tag)') ? 'tag' : 'serial';
    throw new HearthError('CONFLICT', `A cylinder with that ${field} was registered meanwhile.`, { field });
  }
}
