import type { Queryable } from '../db/database';
import { keysetCount, keysetPage, timeKeyAfter, timeKeySql, type KeysetQuery } from '../db/keyset-page';

/** Which entries of a tenant's log to read; a list left out does not filter, an empty one matches nothing. */
export interface AuditFilter {
  tenantId: string;
  domains?: readonly string[] | null;
  actions?: readonly string[] | null;
  /** Entries recorded at or after this time. */
  since?: Date | null;
  /** Entries about these targets (`customer:<id>`): one record's history. */
  targets?: readonly string[] | null;
}

export interface AuditEntryRecord {
  id: string;
  at: Date;
  domain: string;
  actor: string;
  action: string;
  target: string | null;
  details: Record<string, unknown>;
  requestId: string | null;
  /** `at` to the microsecond, for the cursor: a Date keeps milliseconds, and a cursor rounded to them would skip entries. */
  atKey: string;
}

/** The entries a filter names, newest first (keyset by time and id: entries moved in from older logs keep their times). */
const entriesOf = (filter: AuditFilter): KeysetQuery => ({
  select: `id::text, at, domain, actor, action, target, details, request_id AS "requestId",
    ${timeKeySql('at')} AS "atKey"`,
  // Keys name the table's columns: a bare `id` in ORDER BY would sort the text `id` of the select list ('9' after '10').
  from: 'audit.entry AS entry',
  where: `tenant_id = $1 AND ($2::text[] IS NULL OR domain = ANY($2::text[])) AND ($3::text[] IS NULL OR action = ANY($3::text[]))
    AND ($4::timestamptz IS NULL OR at >= $4::timestamptz) AND ($5::text[] IS NULL OR target = ANY($5::text[]))`,
  params: [filter.tenantId, filter.domains ?? null, filter.actions ?? null, filter.since ?? null, filter.targets ?? null],
  key: [
    { column: 'entry.at', type: 'timestamptz' },
    { column: 'entry.id', type: 'bigint' },
  ],
  direction: 'DESC',
});

/** Up to `first` entries after the one whose `auditCursorKey` is `after`. */
export function auditPage(db: Queryable, filter: AuditFilter, first: number, after?: readonly [string, string]): Promise<AuditEntryRecord[]> {
  return keysetPage<AuditEntryRecord>(db, entriesOf(filter), first, after);
}

/** How many entries the filter names in all. */
export function countAudit(db: Queryable, filter: AuditFilter): Promise<number> {
  return keysetCount(db, entriesOf(filter));
}

/** What a page's cursor holds of an entry: the values `auditPage` continues after. */
export const auditCursorKey = (entry: AuditEntryRecord): [string, string] => [entry.atKey, entry.id];

const ID_KEY = /^\d{1,18}$/;

/**
 * The entry a decoded `after` cursor (`decodeCursor(after, 2)`) continues after, checked before any
 * SQL sees it: INVALID_CURSOR for a key no page handed out.
 */
export const auditAfter = (key: readonly (string | number)[]): [string, string] => timeKeyAfter(key, (id) => ID_KEY.test(id));
