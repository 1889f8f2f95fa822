import type { Queryable } from '../db/database';
import { keysetPage, timeKeyAfter, timeKeySql, type KeysetQuery } from '../db/keyset-page';
import { isUuid } from '../db/typeorm-helpers';
import { HearthError, notFound } from '../errors/hearth-error';
import { checkPageSize, decodeCursor, toConnection, type Connection } from '../graphql/connection';
import { minorUnits } from './minor-units';

/** One line of an account's history, with the posting it belongs to. */
export interface LedgerEntry {
  id: string;
  journalId: string;
  kind: string;
  description: string | null;
  amountMinor: number;
  balanceAfterMinor: number;
  createdAt: Date;
  idempotencyKey: string;
}

export interface EntriesPageArgs {
  first: number;
  /** The `endCursor` of the page before. */
  after?: string | null;
  /** Entries written at or after this time. */
  since?: Date | null;
  /** Entries written before this time. */
  until?: Date | null;
}

type EntryRow = Omit<LedgerEntry, 'amountMinor' | 'balanceAfterMinor'> & { amountMinor: unknown; balanceAfterMinor: unknown; atKey: string };

const entriesOf = (tenantId: string, accountId: string, args: EntriesPageArgs): KeysetQuery => ({
  select: `entry.id, entry.journal_id AS "journalId", journal.kind, journal.description, entry.amount_minor AS "amountMinor",
    entry.balance_after_minor AS "balanceAfterMinor", entry.created_at AS "createdAt", journal.idempotency_key AS "idempotencyKey",
    ${timeKeySql('entry.created_at')} AS "atKey"`,
  from: 'ledger.entry AS entry JOIN ledger.journal AS journal ON journal.id = entry.journal_id',
  where: `entry.tenant_id = $1 AND entry.account_id = $2 AND ($3::timestamptz IS NULL OR entry.created_at >= $3::timestamptz)
    AND ($4::timestamptz IS NULL OR entry.created_at < $4::timestamptz)`,
  params: [tenantId, accountId, args.since ?? null, args.until ?? null],
  // Microseconds in the cursor: a Date keeps milliseconds, and a cursor rounded to them would skip entries.
  key: [
    { column: 'entry.created_at', type: 'timestamptz' },
    { column: 'entry.id', type: 'uuid' },
  ],
  direction: 'DESC',
});

/** The entry an `after` cursor continues after, checked before any SQL sees it (INVALID_CURSOR). */
const entriesAfter = (after: string): [string, string] => timeKeyAfter(decodeCursor(after, 2), isUuid);

/** An account's entries newest first, a page at a time (keyset on time and id). NOT_FOUND for another tenant's account. */
export async function accountEntries(q: Queryable, tenantId: string, accountId: string, args: EntriesPageArgs): Promise<Connection<LedgerEntry>> {
  const first = checkPageSize(args.first);
  const after = args.after ? entriesAfter(args.after) : undefined;
  if (!isUuid(accountId)) throw notFound('LedgerAccount', accountId);
  const query = entriesOf(tenantId, accountId, args);
  // The count comes from the account's row: no row, no account of this tenant.
  const [counted, rows] = await Promise.all([
    q.query<{ n: number }>(
      `SELECT (SELECT count(*)::int FROM ${query.from} WHERE ${query.where}) AS n FROM ledger.account WHERE id = $2 AND tenant_id = $1`,
      query.params,
    ),
    keysetPage<EntryRow>(q, query, first + 1, after),
  ]);
  if (!counted[0]) throw notFound('LedgerAccount', accountId);
  return toConnection(
    rows,
    first,
    counted[0].n,
    after !== undefined,
    (row) => [row.atKey, row.id],
    ({ atKey: _atKey, ...row }) => ({
      ...row,
      amountMinor: minorUnits(row.amountMinor, 'amount'),
      balanceAfterMinor: minorUnits(row.balanceAfterMinor, 'balance after'),
    }),
  );
}
