import { randomUUID } from 'node:crypto';
import { HearthError, type CallerContext } from '@hearth/platform';
import { auditChange } from '@hearth/platform/audit';
import { isUniqueViolation, queryableOf, tenantSitesAmong, type Queryable } from '@hearth/platform/db';
import { readImportRows, refused, type ImportFormat, type ImportProblem } from '@hearth/platform/import';
import type { DataSource } from 'typeorm';
import { registerMeterSchema, type MeterImportDefaults, type ValidRegistration } from './meter.input';
import { METER_COLUMNS, type MeterRow } from './meter.store';
import type { MeterImport } from './meter.types';

/** The most rows one import takes (a large mall's meters and then some; about 60 bytes a CSV row, well inside the 1 MiB request). */
export const MAX_METER_IMPORT_ROWS = 10_000;

/** The columns of an import: `RegisterMeterInput`'s fields. */
const COLUMNS = [
  { name: 'kind', required: true },
  { name: 'serial', required: true },
  { name: 'name', required: true },
  { name: 'siteId', required: false },
] as const;

/** A bad row: its number (from 1), the field at fault and why; `kind` picks the error of a single registration. */
interface RowProblem {
  row: number;
  field: string | null;
  message: string;
  kind: 'input' | 'conflict' | 'not-found';
}

interface NumberedRow {
  row: number;
  line: number | null;
  value: unknown;
}

/**
 * Checks registrations as a whole: each row's fields (an electricity meter's DL/T 645 address of 12
 * digits), serials repeated within them, and — one query each, however many rows — sites of the
 * caller's and serials already registered. Every problem is listed, so a file is fixed in one pass.
 */
async function checkRegistrations(q: Queryable, tenantId: string, rows: readonly NumberedRow[]) {
  const problems: RowProblem[] = [];
  const bad = (row: number, field: string | null, message: string, kind: RowProblem['kind'] = 'input') => problems.push({ row, field, message, kind });
  const valid: { row: number; value: ValidRegistration }[] = [];
  for (const { row, value } of rows) {
    const parsed = registerMeterSchema.safeParse(value);
    if (parsed.success) valid.push({ row, value: parsed.data });
    else for (const issue of parsed.error.issues) bad(row, issue.path.join('.') || null, issueMessage(issue, value));
  }
  const firstRow = new Map<string, number>();
  for (const { row, value } of valid) {
    const first = firstRow.get(value.serial);
    if (first === undefined) firstRow.set(value.serial, row);
    else bad(row, 'serial', `repeats the serial of row ${first}`, 'conflict');
  }
  const serials = [...firstRow.keys()];
  const siteIds = [...new Set(valid.flatMap((r) => (r.value.siteId ? [r.value.siteId.toLowerCase()] : [])))];
  const [taken, sites] = await Promise.all([
    serials.length
      ? q.query<{ serial: string }>(`SELECT serial FROM metering.meter WHERE tenant_id = $1 AND serial = ANY($2::text[])`, [tenantId, serials])
      : [],
    tenantSitesAmong(q, tenantId, siteIds),
  ]);
  const takenSerials = new Set(taken.map((t) => t.serial));
  const registrations: ValidRegistration[] = [];
  for (const { row, value } of valid) {
    const before = problems.length;
    if (takenSerials.has(value.serial)) bad(row, 'serial', `a meter with serial ${value.serial} is already registered`, 'conflict');
    if (value.siteId && !sites.has(value.siteId.toLowerCase())) bad(row, 'siteId', `no site ${value.siteId} of yours`, 'not-found');
    if (problems.length === before && firstRow.get(value.serial) === row) registrations.push(value);
  }
  problems.sort((a, b) => a.row - b.row);
  return { registrations, problems };
}

/** Inserts checked registrations in one statement, in their order. */
function insertRegistrations(tx: Queryable, tenantId: string, registrations: readonly ValidRegistration[]): Promise<MeterRow[]> {
  return tx.query<MeterRow>(
    `INSERT INTO metering.meter AS m (tenant_id, kind, serial, name, site_id)
     SELECT $1, r.kind, r.serial, r.name, r.site FROM unnest($2::text[], $3::text[], $4::text[], $5::uuid[]) WITH ORDINALITY AS r(kind, serial, name, site, n)
     ORDER BY r.n
     RETURNING ${METER_COLUMNS}`,
    [
      tenantId,
      registrations.map((r) => r.kind),
      registrations.map((r) => r.serial),
      registrations.map((r) => r.name),
      registrations.map((r) => r.siteId ?? null),
    ],
  );
}

/**
 * Registers one meter, audited as `meter.registered`. A serial of yours already registered is
 * CONFLICT naming `serial`; a site not yours is NOT_FOUND (`Site`); a bad field BAD_USER_INPUT.
 */
export function registerMeter(data: DataSource, by: CallerContext, input: unknown): Promise<MeterRow> {
  return serialTaken(() =>
    data.transaction(async (em) => {
      const tx = queryableOf(em);
      const { registrations, problems } = await checkRegistrations(tx, by.tenantId, [{ row: 1, line: null, value: input }]);
      if (problems.length > 0) throw singleRowError(problems, input);
      const [meter] = await insertRegistrations(tx, by.tenantId, registrations);
      await auditChange(em, by, 'metering', 'meter.registered', `meter:${meter!.id}`, { ...registrations[0] });
      return meter!;
    }),
  );
}

/**
 * Registers a CSV or JSON file of meters (columns `kind, serial, name, siteId`, up to 10,000 rows),
 * all or nothing: every problem is listed by row (with its CSV line) and column. An empty cell (or
 * a column left out) takes its value from `defaults`, so a mall's file lists serials and names.
 */
export function importMeterFile(
  data: DataSource,
  by: CallerContext,
  format: `${ImportFormat}`,
  text: string,
  defaults: MeterImportDefaults = {},
): Promise<MeterImport> {
  const columns = COLUMNS.map((c) => ({ name: c.name, required: c.required && defaultOf(defaults, c.name) == null }));
  const { rows, problems } = readImportRows(format, text, columns, MAX_METER_IMPORT_ROWS);
  const numbered = rows.map((r) => ({
    row: r.row,
    line: r.line,
    value: Object.fromEntries(COLUMNS.map(({ name }) => [name, r.values[name] ?? defaultOf(defaults, name) ?? undefined])),
  }));
  return registerRows(data, by, numbered, problems, { format });
}

/**
 * Registers meters given as objects (the demo seed, a caller other than GraphQL) as a file import
 * is: all or nothing, every problem by row (from 1, in the array's order).
 */
export function importMeters(data: DataSource, by: CallerContext, rows: readonly unknown[]): Promise<MeterImport> {
  if (rows.length > MAX_METER_IMPORT_ROWS) {
    throw new HearthError('LIMIT_EXCEEDED', `At most ${MAX_METER_IMPORT_ROWS} rows per import; this one has ${rows.length}. Split the file.`, {
      max: MAX_METER_IMPORT_ROWS,
    });
  }
  const empty: ImportProblem[] = rows.length === 0 ? [{ row: 0, line: null, field: null, message: 'there are no rows to import' }] : [];
  return registerRows(
    data,
    by,
    rows.map((value, i) => ({ row: i + 1, line: null, value })),
    empty,
  );
}

/** Every row checked first (with the problems reading the file found); any problem registers nothing. Audited once, as `meters.imported`. */
async function registerRows(
  data: DataSource,
  by: CallerContext,
  rows: readonly NumberedRow[],
  problems: ImportProblem[],
  details: Record<string, unknown> = {},
): Promise<MeterImport> {
  const importId = randomUUID();
  if (rows.length === 0) return { ...refused(0, problems), importId };
  const lines = new Map(rows.map((r) => [r.row, r.line]));
  return serialTaken(() =>
    data.transaction(async (em) => {
      const tx = queryableOf(em);
      const checked = await checkRegistrations(tx, by.tenantId, rows);
      const all = [...problems, ...checked.problems.map((p) => ({ row: p.row, line: lines.get(p.row) ?? null, field: p.field, message: p.message }))];
      if (all.length > 0) return { ...refused(rows.length, all), importId };
      await insertRegistrations(tx, by.tenantId, checked.registrations);
      await auditChange(em, by, 'metering', 'meters.imported', `import:${importId}`, { ...details, imported: rows.length });
      return { rows: rows.length, imported: rows.length, rejectedRows: 0, problems: [], importId };
    }),
  );
}

const defaultOf = (defaults: MeterImportDefaults, name: string): string | null | undefined => (defaults as Partial<Record<string, string | null>>)[name];

/** A field left out reads "is missing" rather than zod's "expected string, received undefined". */
function issueMessage(issue: { code: string; path: PropertyKey[]; message: string }, value: unknown): string {
  const [key] = issue.path;
  const given = typeof value === 'object' && value !== null && key !== undefined ? (value as Record<PropertyKey, unknown>)[key] : value;
  return issue.code === 'invalid_type' && given == null ? 'is missing' : issue.message;
}

/** A single registration's problem as its error: CONFLICT or NOT_FOUND naming the field, or every bad field. */
function singleRowError(problems: RowProblem[], input: unknown): HearthError {
  const conflict = problems.find((p) => p.kind === 'conflict');
  if (conflict) return new HearthError('CONFLICT', `Cannot register: ${conflict.message}.`, { field: conflict.field });
  if (problems.some((p) => p.kind === 'not-found')) {
    const id = String((input as { siteId?: unknown }).siteId);
    return new HearthError('NOT_FOUND', `Site ${id} was not found.`, { entity: 'Site', id, field: 'siteId' });
  }
  return new HearthError('BAD_USER_INPUT', `Invalid input: ${problems.map((p) => `${p.field ?? '(input)'}: ${p.message}`).join('; ')}`, {
    fields: problems.map((p) => ({ field: p.field ?? '(input)', message: p.message })),
  });
}

/** A registration that raced another for a serial (checked, then taken meanwhile). */
async function serialTaken<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (isUniqueViolation(err)) throw new HearthError('CONFLICT', 'A meter with that serial was registered meanwhile.', { field: 'serial' });
    throw err;
  }
}
