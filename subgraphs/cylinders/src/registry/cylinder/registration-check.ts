import type { Queryable } from '@hearth/platform/db';
import { addYears, calendarDayIn } from '@hearth/platform/domain';
import type { CylinderSpec } from '../spec/cylinder-spec.types';
import { ensureDefaultSpecs } from '../spec/default-specs';
import type { SpecService } from '../spec/spec.service';
import { registerCylinderSchema, type ValidRegistration } from './cylinder.input';

/** One bad row of a registration: its number (1 for the first), the field and why; `kind` picks the error of a single registration. */
export interface RowProblem {
  row: number;
  field: string;
  message: string;
  kind: 'input' | 'conflict' | 'not-found';
}

/** The field of a problem with the row as a whole. */
export const ROW = '(row)';

/** A row to check: its number (an import's data row, from 1) and its fields as sent. */
export interface NumberedRow {
  row: number;
  value: unknown;
}

/** A row ready to insert: its dates and design life filled in from its spec. */
export type Registration = ValidRegistration & { designLifeYears: number; nextInspectionDue: string };

/**
 * Checks registrations as a whole: each row's fields, serials and tags repeated within them, and —
 * one query each, however many rows — specs, sites, filling stations and serials or tags already on
 * the registry (tags against every company's: a scan must name one cylinder). Every problem is
 * listed, so an import is corrected in one pass.
 */
export async function checkRegistrations(
  q: Queryable,
  specs: SpecService,
  tenantId: string,
  rows: readonly NumberedRow[],
): Promise<{ registrations: Registration[]; problems: RowProblem[] }> {
  const problems: RowProblem[] = [];
  const bad = (row: number, field: string, message: string, kind: RowProblem['kind'] = 'input') => problems.push({ row, field, message, kind });
  const today = calendarDayIn(new Date());
  const valid: { row: number; value: ValidRegistration }[] = [];
  for (const { row, value } of rows) {
    const parsed = registerCylinderSchema.safeParse(value);
    if (!parsed.success) for (const issue of parsed.error.issues) bad(row, issue.path.join('.') || ROW, issueMessage(issue, value));
    else if (parsed.data.manufacturedOn > today) bad(row, 'manufacturedOn', 'in the future');
    else valid.push({ row, value: parsed.data });
  }

  firstSeen(
    valid,
    (v) => v.serial,
    (row, first) => bad(row, 'serial', `repeats the serial of row ${first}`, 'conflict'),
  );
  firstSeen(
    valid,
    (v) => v.tag,
    (row, first) => bad(row, 'tag', `repeats the tag of row ${first}`, 'conflict'),
  );

  const distinct = <T>(f: (v: ValidRegistration) => T | null | undefined) => [...new Set(valid.map((r) => f(r.value)).filter((x): x is T => x != null))];
  // A company's first registration may name a GB 5842 spec it has never listed.
  await ensureDefaultSpecs(q, tenantId);
  const [specsByCode, sites, stations, taken] = await Promise.all([
    specs.byCodes(
      tenantId,
      distinct((v) => v.specCode),
      q,
    ),
    idSet(
      q,
      'SELECT id::text FROM tanks.site WHERE tenant_id = $1 AND id = ANY($2::uuid[])',
      tenantId,
      distinct((v) => v.locationSiteId),
    ),
    idSet(
      q,
      'SELECT site_id::text AS id FROM cylinders.filling_station WHERE tenant_id = $1 AND site_id = ANY($2::uuid[])',
      tenantId,
      distinct((v) => v.fixedStationId),
    ),
    q.query<{ serial: string | null; tag: string | null }>(
      `SELECT CASE WHEN tenant_id = $1 AND serial = ANY($2::text[]) THEN serial END AS serial, CASE WHEN tag = ANY($3::text[]) THEN tag END AS tag
         FROM cylinders.cylinder WHERE (tenant_id = $1 AND serial = ANY($2::text[])) OR tag = ANY($3::text[])`,
      [tenantId, distinct((v) => v.serial), distinct((v) => v.tag)],
    ),
  ]);
  const takenSerials = new Set(taken.map((t) => t.serial));
  const takenTags = new Set(taken.map((t) => t.tag));

  const registrations: Registration[] = [];
  for (const { row, value } of valid) {
    const before = problems.length;
    const spec = specsByCode.get(value.specCode);
    if (!spec) bad(row, 'specCode', `no spec ${value.specCode}`, 'not-found');
    if (!sites.has(value.locationSiteId.toLowerCase())) bad(row, 'locationSiteId', `no site ${value.locationSiteId} of yours`, 'not-found');
    if (value.fixedStationId && !stations.has(value.fixedStationId.toLowerCase()))
      bad(row, 'fixedStationId', `no filling station ${value.fixedStationId} of yours`, 'not-found');
    if (takenSerials.has(value.serial)) bad(row, 'serial', `serial ${value.serial} is already registered`, 'conflict');
    if (takenTags.has(value.tag)) bad(row, 'tag', `tag ${value.tag} is already registered`, 'conflict');
    if (problems.length === before && spec) registrations.push(complete(value, spec));
  }
  problems.sort((a, b) => a.row - b.row);
  return { registrations, problems };
}

/** The row with its spec's defaults: design life, and the next inspection from the last one (or manufacture). */
function complete(value: ValidRegistration, spec: CylinderSpec): Registration {
  return {
    ...value,
    designLifeYears: value.designLifeYears ?? spec.designLifeYears,
    nextInspectionDue: value.nextInspectionDue ?? addYears(value.lastInspectedOn ?? value.manufacturedOn, spec.inspectionIntervalYears),
  };
}

/** A field left out reads "is missing" rather than zod's "expected string, received undefined". */
function issueMessage(issue: { code: string; path: PropertyKey[]; message: string }, value: unknown): string {
  const [key] = issue.path;
  const given = typeof value === 'object' && value !== null && key !== undefined ? (value as Record<PropertyKey, unknown>)[key] : value;
  return issue.code === 'invalid_type' && given === undefined ? 'is missing' : issue.message;
}

function firstSeen(rows: { row: number; value: ValidRegistration }[], key: (v: ValidRegistration) => string, repeated: (row: number, first: number) => void) {
  const seen = new Map<string, number>();
  for (const { row, value } of rows) {
    const first = seen.get(key(value));
    if (first === undefined) seen.set(key(value), row);
    else repeated(row, first);
  }
}

async function idSet(q: Queryable, sql: string, tenantId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  return new Set((await q.query<{ id: string }>(sql, [tenantId, ids])).map((r) => r.id));
}
