import { HearthError } from '../errors/hearth-error';
import { checkPageSize, decodeCursor, toConnection, type Connection } from '../graphql/connection';
import type { Queryable } from './database';
import { isUuid } from './typeorm-helpers';

/**
 * A list read a page at a time by its sort key (keyset pagination): each page starts after the last
 * row of the one before, so a page costs an index range scan however deep it is, and rows written
 * meanwhile neither repeat nor go missing (an OFFSET would do both).
 */
export interface KeysetQuery {
  /** What to select, from where (`twins.alarm`), and which rows: conditions with parameters `$1…`. */
  select: string;
  from: string;
  where: string;
  params: unknown[];
  /** The sort key, most significant column first, each with its SQL type (for the cursor) and direction; the last column must be unique. */
  key: { column: string; type: string }[];
  direction: 'ASC' | 'DESC';
}

/** Up to `limit` rows after the row whose key is `after` (the first page without it). */
export function keysetPage<Row>(db: Queryable, q: KeysetQuery, limit: number, after?: readonly unknown[]): Promise<Row[]> {
  const n = q.params.length;
  const columns = q.key.map((k) => k.column).join(', ');
  const cursor = after ? ` AND (${columns}) ${q.direction === 'DESC' ? '<' : '>'} (${q.key.map((k, i) => `$${n + 1 + i}::${k.type}`).join(', ')})` : '';
  const order = q.key.map((k) => `${k.column} ${q.direction}`).join(', ');
  return db.query<Row>(`SELECT ${q.select} FROM ${q.from} WHERE (${q.where})${cursor} ORDER BY ${order} LIMIT $${n + 1 + (after?.length ?? 0)}`, [
    ...q.params,
    ...(after ?? []),
    limit,
  ]);
}

/** How many rows the query lists in all. */
export async function keysetCount(db: Queryable, q: Pick<KeysetQuery, 'from' | 'where' | 'params'>): Promise<number> {
  const [row] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${q.from} WHERE (${q.where})`, q.params);
  return row?.n ?? 0;
}

/**
 * A timestamptz sort key as a cursor holds it: microseconds, UTC. A Date keeps milliseconds, and a
 * cursor rounded to them would skip rows written within the same millisecond.
 */
export const timeKeySql = (column: string): string => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

const TIME_KEY = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/**
 * The (time, id) a decoded `after` cursor continues after, checked before any SQL sees it:
 * INVALID_CURSOR for a key no page handed out. `isId` checks the id's form (a uuid, a bigint).
 */
export function timeKeyAfter(key: readonly (string | number)[], isId: (id: string) => boolean): [string, string] {
  const [at, id] = key.map(String);
  // A time the database would refuse (February 30th) reads back as another day.
  const real = at !== undefined && TIME_KEY.test(at) && !Number.isNaN(Date.parse(at)) && new Date(at).toISOString().slice(0, 23) === at.slice(0, 23);
  if (!real || id === undefined || !isId(id)) throw new HearthError('INVALID_CURSOR', 'The `after` cursor is not a cursor of this list.');
  return [at, id];
}

/** A list keyed by a time and a uuid (an event log, orders by when they were made): what `timeKeyedPage` reads. */
export interface TimeKeyedQuery extends Pick<KeysetQuery, 'select' | 'from' | 'where' | 'params'> {
  /** The timestamptz column it is ordered by, and the uuid column that breaks ties. */
  time: string;
  id: string;
  /** Newest first unless said otherwise. */
  direction?: KeysetQuery['direction'];
}

/**
 * One page of a time-keyed list as a Relay connection: `first` rows (checked) after the `after`
 * cursor (INVALID_CURSOR for one no page handed out), with the total count. The one way every log
 * and dated list of the platform is paged.
 */
export async function timeKeyedPage<Row extends object>(db: Queryable, q: TimeKeyedQuery, firstArg: number, after?: string | null): Promise<Connection<Row>> {
  const first = checkPageSize(firstArg);
  const query: KeysetQuery = {
    select: `${q.select}, ${timeKeySql(q.time)} AS "timeKey$", ${q.id}::text AS "idKey$"`,
    from: q.from,
    where: q.where,
    params: q.params,
    key: [
      { column: q.time, type: 'timestamptz' },
      { column: q.id, type: 'uuid' },
    ],
    direction: q.direction ?? 'DESC',
  };
  const cursor = after ? timeKeyAfter(decodeCursor(after, 2), isUuid) : undefined;
  const rows = await keysetPage<Row & { timeKey$: string; idKey$: string }>(db, query, first + 1, cursor);
  return toConnection(
    rows,
    first,
    await keysetCount(db, query),
    Boolean(after),
    (r) => [r.timeKey$, r.idKey$],
    ({ timeKey$: _time, idKey$: _id, ...row }) => row as unknown as Row,
  );
}
