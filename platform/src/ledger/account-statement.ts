import type { Queryable } from '../db/database';
import { isUuid } from '../db/typeorm-helpers';
import { badInput, notFound } from '../errors/hearth-error';
import { minorUnits } from './minor-units';

/** An account over a period: where it started and ended, and what came in and went out between. */
export interface AccountStatement {
  /** The balance the last entry before the period left (0 when there is none). */
  openingMinor: number;
  /** The balance the last entry before the period's end left. */
  closingMinor: number;
  /** The sum of the amounts that raised the balance. */
  creditsMinor: number;
  /** The sum of the amounts that lowered it, as a positive number: closing = opening + credits − debits. */
  debitsMinor: number;
  /** How many entries the period holds. */
  entries: number;
}

const LAST_BEFORE = (at: string) =>
  `(SELECT balance_after_minor FROM ledger.entry WHERE account_id = a.id AND created_at < ${at} ORDER BY created_at DESC, id DESC LIMIT 1)`;

/** The account's statement for entries written from `from` (included) to `to` (excluded). NOT_FOUND for another tenant's account. */
export async function accountStatement(q: Queryable, tenantId: string, accountId: string, period: { from: Date; to: Date }): Promise<AccountStatement> {
  if (!(period.from <= period.to)) throw badInput([{ field: 'to', message: 'must not be before from' }]);
  if (!isUuid(accountId)) throw notFound('LedgerAccount', accountId);
  const [row] = await q.query<{ opening: unknown; closing: unknown; credits: unknown; debits: unknown; n: number }>(
    `SELECT coalesce(${LAST_BEFORE('$3')}, 0) AS opening, coalesce(${LAST_BEFORE('$4')}, 0) AS closing, s.credits, s.debits, s.n
     FROM ledger.account AS a, LATERAL (
       SELECT coalesce(sum(amount_minor) FILTER (WHERE amount_minor > 0), 0)::text AS credits,
         coalesce(-sum(amount_minor) FILTER (WHERE amount_minor < 0), 0)::text AS debits, count(*)::int AS n
       FROM ledger.entry WHERE account_id = a.id AND created_at >= $3 AND created_at < $4
     ) AS s
     WHERE a.id = $1 AND a.tenant_id = $2`,
    [accountId, tenantId, period.from, period.to],
  );
  if (!row) throw notFound('LedgerAccount', accountId);
  return {
    openingMinor: minorUnits(row.opening, 'opening balance'),
    closingMinor: minorUnits(row.closing, 'closing balance'),
    creditsMinor: minorUnits(row.credits, 'credits'),
    debitsMinor: minorUnits(row.debits, 'debits'),
    entries: row.n,
  };
}
