import type { Logger } from 'pino';
import type { Queryable } from './database';
import { timeKeySql } from './keyset-page';

/** A key of the table followed: its time column to the microsecond (`timeKeySql`) and its row id, as text. */
export type TableKey = [at: string, id: string];

/** The SQL type of a followed table's row id, which the cursor's id column has too. */
export type TableIdType = 'uuid' | 'bigint';

/** The id before every id of its type: where a key starts within one instant. */
const FIRST_IDS: Record<TableIdType, string> = { uuid: '00000000-0000-0000-0000-000000000000', bigint: '0' };

/**
 * How far a service has read another service's table, kept in a row of its own cursor table
 * (`name` primary key, a timestamptz and an id column, `updated_at`), which its migration creates
 * and starts at the point reading begins. The id column has the type of the followed table's ids
 * (`idType`: a uuid unless said otherwise; `bigint` for a bigserial), so the key `(time, id)` is the
 * table's own, unique, and compared as the table orders it.
 */
export class TableCursor {
  /** The id before every id of the cursor's type. */
  readonly firstId: string;
  private readonly idType: TableIdType;

  constructor(
    /** The cursor table (`customers.alarm_intake_cursor`) and its row (the table followed). */
    private readonly table: string,
    private readonly name: string,
    private readonly columns: { at: string; id: string; idType?: TableIdType },
  ) {
    this.idType = columns.idType ?? 'uuid';
    this.firstId = FIRST_IDS[this.idType];
  }

  /** Where the last read ended; now when the migration started no row. */
  async read(db: Queryable): Promise<TableKey> {
    const [row] = await db.query<{ at: string; id: string }>(
      `SELECT ${timeKeySql(this.columns.at)} AS at, ${this.columns.id}::text AS id FROM ${this.table} WHERE name = $1`,
      [this.name],
    );
    return row ? [row.at, row.id] : [new Date().toISOString().replace('Z', '000Z'), this.firstId];
  }

  /** Moves the cursor forward (never back: several instances may read at once). */
  async save(db: Queryable, key: TableKey): Promise<void> {
    await db.query(
      `UPDATE ${this.table} SET ${this.columns.at} = $2::timestamptz, ${this.columns.id} = $3::${this.idType}, updated_at = now()
        WHERE name = $1 AND (${this.columns.at}, ${this.columns.id}) < ($2::timestamptz, $3::${this.idType})`,
      [this.name, key[0], key[1]],
    );
  }
}

export interface FollowTableOptions<Row> {
  cursor: TableCursor;
  /**
   * How far behind the cursor each run reads again. A row's time can sort before rows already read
   * when it reaches the database late (a device that buffered while offline, a transaction that
   * committed after a later one); re-reading a window catches it. `take` must make a row read twice
   * cost a read, nothing more.
   */
  lookbackMs: number;
  pageSize?: number;
  /** Up to `limit` rows after `after`, in key order (`(time, id) > after`, the id of the cursor's type). */
  page(after: TableKey, limit: number): Promise<Row[]>;
  keyOf(row: Row): TableKey;
  /** Takes one row in; throwing leaves it to the next run. */
  take(row: Row): Promise<void>;
  /** Says which row could not be taken in (log it). */
  failed(row: Row, err: unknown): void;
}

/**
 * One run of following another service's table through a durable cursor: every row after the
 * cursor (less the look-back window) is taken in, one at a time, then the cursor moves past what was
 * read, but no further than the first row that could not be taken in, so it is tried again next
 * run however old it gets. A row that fails does not hold up the rows after it. Returns how many
 * rows were read.
 */
export async function followTable<Row>(db: Queryable, options: FollowTableOptions<Row>): Promise<number> {
  const cursor = await options.cursor.read(db);
  let after: TableKey = options.lookbackMs > 0 ? [new Date(Date.parse(cursor[0]) - options.lookbackMs).toISOString(), options.cursor.firstId] : cursor;
  const pageSize = options.pageSize ?? 200;
  let readTo: TableKey | null = null;
  let failed = false;
  let read = 0;
  for (;;) {
    const page = await options.page(after, pageSize);
    for (const row of page) {
      read += 1;
      try {
        await options.take(row);
      } catch (err) {
        failed = true;
        options.failed(row, err);
      }
      if (!failed) readTo = options.keyOf(row);
    }
    const last = page.at(-1);
    if (!last || page.length < pageSize) break;
    after = options.keyOf(last);
  }
  if (readTo) await options.cursor.save(db, readTo);
  return read;
}

/** Whether a table (or view) exists now: another service may create it after this one starts. */
export async function tableExists(db: Queryable, table: string): Promise<boolean> {
  const [row] = await db.query<{ present: boolean }>(`SELECT to_regclass($1) IS NOT NULL AS present`, [table]);
  return row?.present ?? false;
}

/** For callers that log with pino: the `failed` hook that logs and leaves the row to the next run. */
export const logFailedRow =
  <Row>(logger: Logger, message: string, fields: (row: Row) => Record<string, unknown>) =>
  (row: Row, err: unknown): void =>
    logger.error({ err, ...fields(row) }, message);
