import { HearthError } from '../errors/hearth-error';
import { parseCsv } from './csv';
import type { ImportFormat, ImportProblem } from './import.types';

/** A data row: `row` counts data rows from 1 (the CSV header is not one); `line` is the CSV line it starts on. */
export interface ImportRow {
  row: number;
  line: number | null;
  values: Record<string, string | undefined>;
}

export interface ImportColumn {
  name: string;
  required: boolean;
}

/**
 * Reads CSV (a header row naming the columns, any order, names case-insensitive) or JSON (an
 * array of objects) into rows of string values. Problems of form are collected per row; a
 * file with more than `maxRows` rows is refused as a whole.
 */
export function readImportRows(
  format: `${ImportFormat}`,
  data: string,
  columns: readonly ImportColumn[],
  maxRows: number,
): { rows: ImportRow[]; problems: ImportProblem[] } {
  const result = format === 'CSV' ? readCsv(data, columns) : readJson(data, columns);
  if (result.rows.length > maxRows) {
    throw new HearthError('LIMIT_EXCEEDED', `At most ${maxRows} rows per import; this one has ${result.rows.length}. Split the file.`, { max: maxRows });
  }
  if (result.rows.length === 0 && result.problems.length === 0) result.problems.push(fileProblem('there are no rows to import'));
  return result;
}

const fileProblem = (message: string, field: string | null = null): ImportProblem => ({ row: 0, line: null, field, message });

function readCsv(data: string, columns: readonly ImportColumn[]) {
  let records;
  try {
    records = parseCsv(data);
  } catch (err) {
    return { rows: [], problems: [fileProblem(`not CSV: ${(err as Error).message}`)] };
  }
  const [header, ...body] = records;
  if (!header) return { rows: [], problems: [] };
  const names = header.fields.map((f) => columns.find((c) => c.name.toLowerCase() === f.trim().toLowerCase())?.name);
  const problems: ImportProblem[] = [];
  header.fields.forEach((f, i) => {
    if (!names[i]) problems.push({ row: 0, line: header.line, field: f, message: `unknown column "${f}"; the columns are ${columnList(columns)}` });
  });
  for (const c of columns)
    if (c.required && !names.includes(c.name)) problems.push({ row: 0, line: header.line, field: c.name, message: `column ${c.name} is missing` });
  if (problems.length > 0) return { rows: [], problems };
  const rows: ImportRow[] = [];
  body.forEach((record, i) => {
    const row = i + 1;
    if (record.fields.length !== names.length) {
      problems.push({ row, line: record.line, field: null, message: `has ${record.fields.length} fields; the header has ${names.length}` });
      return;
    }
    const values: Record<string, string | undefined> = {};
    record.fields.forEach((v, j) => (values[names[j]!] = v.trim() === '' ? undefined : v.trim()));
    rows.push({ row, line: record.line, values });
  });
  return { rows, problems };
}

function readJson(data: string, columns: readonly ImportColumn[]) {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch (err) {
    return { rows: [], problems: [fileProblem(`not JSON: ${(err as Error).message}`)] };
  }
  if (!Array.isArray(json)) return { rows: [], problems: [fileProblem('JSON must be an array of objects, one per row')] };
  const rows: ImportRow[] = [];
  const problems: ImportProblem[] = [];
  json.forEach((item: unknown, i) => {
    const row = i + 1;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      problems.push({ row, line: null, field: null, message: 'is not an object' });
      return;
    }
    const values: Record<string, string | undefined> = {};
    for (const [key, value] of Object.entries(item)) {
      const column = columns.find((c) => c.name === key);
      if (!column) problems.push({ row, line: null, field: key, message: `unknown field; the fields are ${columnList(columns)}` });
      else if (typeof value === 'string' || typeof value === 'number') values[key] = String(value).trim() || undefined;
      else if (value !== null) problems.push({ row, line: null, field: key, message: 'must be a string' });
    }
    rows.push({ row, line: null, values });
  });
  return { rows, problems };
}

const columnList = (columns: readonly ImportColumn[]) => columns.map((c) => c.name).join(', ');
