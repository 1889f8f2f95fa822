import type { CallerContext } from '@hearth/platform';
import { readImportRows, type ImportFormat } from '@hearth/platform/import';
import type { RegistryDeps } from '../registry-deps';
import type { CylinderImportDefaults } from './cylinder.input';
import { MAX_IMPORT_ROWS, registerRows, type CylinderImportResult } from './register-cylinders';

/** The columns: `RegisterCylinderInput`'s fields, those it requires required unless `defaults` give them. */
const COLUMNS = [
  { name: 'serial', required: true },
  { name: 'tag', required: true },
  { name: 'specCode', required: true },
  { name: 'manufacturer', required: true },
  { name: 'manufacturedOn', required: true },
  { name: 'designLifeYears', required: false },
  { name: 'lastInspectedOn', required: false },
  { name: 'nextInspectionDue', required: false },
  { name: 'ownerCompany', required: true },
  { name: 'fixedStationId', required: false },
  { name: 'locationSiteId', required: true },
] as const;

/**
 * Registers a CSV or JSON file of cylinders, all or nothing: every problem is listed by row (with
 * its CSV line) and field — the file's form, each row's fields and dates, serials and tags repeated
 * in the file or already registered, unknown specs, sites and stations. An empty cell (or a column
 * left out) takes its value from `defaults`, so a 10,000-row file of one purchase stays small.
 */
export async function importCylinderFile(
  deps: RegistryDeps,
  by: CallerContext,
  format: `${ImportFormat}`,
  data: string,
  defaults: CylinderImportDefaults = {},
): Promise<CylinderImportResult> {
  const columns = COLUMNS.map((c) => ({ name: c.name, required: c.required && defaultOf(defaults, c.name) == null }));
  const { rows, problems } = readImportRows(format, data, columns, MAX_IMPORT_ROWS);
  const registrations = rows.map((r) => ({ row: r.row, line: r.line, value: registrationOf(r.values, defaults) }));
  return registerRows(deps, by, registrations, problems, { format });
}

const defaultOf = (defaults: CylinderImportDefaults, name: string) => (defaults as Partial<Record<string, string | number | null>>)[name];

/** A row's cells as `RegisterCylinderInput` has them: defaults for empty cells, design life as a number. */
function registrationOf(values: Record<string, string | undefined>, defaults: CylinderImportDefaults): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  for (const { name } of COLUMNS) value[name] = values[name] ?? defaultOf(defaults, name) ?? undefined;
  const life = value.designLifeYears;
  if (typeof life === 'string' && /^\d+$/.test(life)) value.designLifeYears = Number(life);
  return value;
}
