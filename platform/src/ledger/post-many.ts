import type { Queryable } from '../db/database';
import { isUuid } from '../db/typeorm-helpers';
import { badInput, HearthError, notFound } from '../errors/hearth-error';
import { checkPosting, type CheckedPosting } from './check-posting';
import { ACCOUNT_COLUMNS, toLedgerAccount, type AccountRow, type LedgerAccount } from './ledger-account';
import { minorUnits } from './minor-units';
import type { Posting, PostingLine, PostingRequest } from './posting';
import { replayPosting } from './replay-posting';

/**
 * Appends many balanced postings to the books in the caller's transaction, as `post` would one
 * after another in the order given, in three statements whatever their number: claim every key
 * (one INSERT), lock every account once in id order, move the balances and append every entry (one
 * statement, each entry's balance after computed in the requests' order). Returns one Posting per
 * request, in order; a request whose key was posted before comes back as `post` would hand it back
 * (`replayed: true`, or IDEMPOTENCY_KEY_REUSED for another request under it).
 *
 * Any error fails the whole batch and leaves the transaction to roll back (the keys were claimed
 * first): the first request in order that `post` would refuse decides the error (NOT_FOUND,
 * BAD_USER_INPUT, INSUFFICIENT_FUNDS on the balance the earlier requests of the batch left). Two
 * requests under one key, or a reversal (use `reverse`), are a bug of the caller: a plain Error.
 */
export async function postMany(tx: Queryable, requests: readonly PostingRequest[]): Promise<Posting[]> {
  if ('transaction' in tx) throw new Error('Ledger: postMany in a transaction: pass the `tx` of db.transaction, not the database.');
  if (requests.length === 0) return [];
  const checked = requests.map((request) => {
    if (request.reverses) throw new Error('Ledger: postMany does not reverse journals; use reverse.');
    return checkPosting(request);
  });
  const keys = new Set(requests.map((r) => `${r.tenantId.toLowerCase()}|${r.idempotencyKey}`));
  if (keys.size !== requests.length) throw new Error('Ledger: postMany names each idempotency key once.');

  const claimed = await claimKeys(tx, requests, checked);
  const fresh = requests.map((_, i) => i).filter((i) => claimed.has(i));
  const results: (Posting | undefined)[] = new Array<Posting | undefined>(requests.length);
  // Replays in request order (rare: a retry of a batch); each reads its journal as posted.
  for (let i = 0; i < requests.length; i++) if (!claimed.has(i)) results[i] = await replayPosting(tx, requests[i]!, checked[i]!);
  if (fresh.length > 0) {
    await lockAndCheck(
      tx,
      fresh.map((i) => ({ request: requests[i]!, lines: checked[i]!.lines })),
    );
    const lines = await appendAll(
      tx,
      fresh.map((i) => ({ tenantId: requests[i]!.tenantId, journalId: claimed.get(i)!.id, lines: checked[i]!.lines })),
    );
    fresh.forEach((i, k) => {
      const journal = claimed.get(i)!;
      results[i] = {
        journalId: journal.id,
        idempotencyKey: requests[i]!.idempotencyKey,
        kind: requests[i]!.kind,
        createdAt: journal.createdAt,
        replayed: false,
        lines: lines[k]!,
      };
    });
  }
  return results as Posting[];
}

/** Writes the journals of every request whose key is free, in one statement: by request index, the journals written. */
async function claimKeys(tx: Queryable, requests: readonly PostingRequest[], checked: CheckedPosting[]): Promise<Map<number, { id: string; createdAt: Date }>> {
  const col = <T>(f: (r: PostingRequest, i: number) => T) => requests.map(f);
  const rows = await tx.query<{ ord: number; id: string; createdAt: Date }>(
    `WITH claimed AS (
       INSERT INTO ledger.journal (tenant_id, idempotency_key, request_hash, kind, description, actor, metadata)
       SELECT tenant_id, idempotency_key, request_hash, kind, description, actor, metadata
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::jsonb[], $8::int[])
              AS r(tenant_id, idempotency_key, request_hash, kind, description, actor, metadata, ord)
        ORDER BY ord
       ON CONFLICT (tenant_id, idempotency_key) DO NOTHING
       RETURNING id, tenant_id, idempotency_key, created_at
     )
     SELECT r.ord, c.id::text, c.created_at AS "createdAt"
       FROM claimed c JOIN unnest($1::uuid[], $2::text[], $8::int[]) AS r(tenant_id, idempotency_key, ord)
         ON r.tenant_id = c.tenant_id AND r.idempotency_key = c.idempotency_key`,
    [
      col((r) => r.tenantId),
      col((r) => r.idempotencyKey),
      checked.map((c) => c.requestHash),
      col((r) => r.kind),
      col((r) => r.description ?? null),
      col((r) => r.actor),
      col((r) => JSON.stringify(r.metadata ?? {})),
      col((_, i) => i),
    ],
  );
  return new Map(rows.map((r) => [Number(r.ord), { id: r.id, createdAt: r.createdAt }]));
}

/**
 * Locks every account of the batch once, in id order (the order every posting locks in), and checks
 * each request as `post` would, in order, on the balances the requests before it left.
 */
async function lockAndCheck(tx: Queryable, batch: { request: PostingRequest; lines: CheckedPosting['lines'] }[]): Promise<void> {
  for (const { lines } of batch) {
    const unknown = lines.find((line) => !isUuid(line.accountId));
    if (unknown) throw notFound('LedgerAccount', unknown.accountId);
  }
  const ids = [...new Set(batch.flatMap((b) => b.lines.map((l) => l.accountId)))];
  const rows = await tx.query<AccountRow>(`SELECT ${ACCOUNT_COLUMNS} FROM ledger.account WHERE id = ANY($1::uuid[]) ORDER BY id FOR NO KEY UPDATE`, [ids]);
  const accounts = new Map<string, LedgerAccount>(rows.map((row) => [row.id, toLedgerAccount(row)]));
  for (const { request, lines } of batch) {
    const tenantId = request.tenantId.toLowerCase();
    const missing = lines.find((line) => accounts.get(line.accountId)?.tenantId !== tenantId);
    if (missing) throw notFound('LedgerAccount', missing.accountId);
    const currencies = new Set(lines.map((line) => accounts.get(line.accountId)!.currency));
    if (currencies.size > 1) throw badInput([{ field: 'lines', message: `all accounts must be of one currency; got ${[...currencies].join(', ')}` }]);
    lines.forEach(({ accountId, amountMinor }, i) => {
      const account = accounts.get(accountId)!;
      if (account.closedAt) throw badInput([{ field: `lines[${i}].accountId`, message: `account ${accountId} is closed` }]);
      const limit = account.creditLimitMinor;
      if (amountMinor < 0 && limit !== null && account.balanceMinor + amountMinor < -limit) {
        throw new HearthError(
          'INSUFFICIENT_FUNDS',
          `Account ${accountId} holds ${account.balanceMinor} with a credit limit of ${limit}; it cannot pay ${-amountMinor}. Nothing was posted.`,
          { accountId, balanceMinor: account.balanceMinor, creditLimitMinor: limit, amountMinor },
        );
      }
    });
    for (const { accountId, amountMinor } of lines) accounts.get(accountId)!.balanceMinor += amountMinor;
  }
}

/**
 * Moves every balance by its lines' sum and appends every entry, in one statement: each entry's
 * balance after is the account's balance before the batch plus its lines up to and including this
 * one, in request order. The credit limit is checked again where the balances change (at each
 * debit's running balance), so the statement cannot take an account below it whatever was checked
 * before; an account left out means the transaction must roll back. An account's entries get
 * created_at one microsecond apart in request order, so they sort as their balances were applied.
 */
async function appendAll(tx: Queryable, batch: { tenantId: string; journalId: string; lines: CheckedPosting['lines'] }[]): Promise<PostingLine[][]> {
  const flat = batch.flatMap((b, k) => b.lines.map((line) => ({ ...line, k, tenantId: b.tenantId, journalId: b.journalId })));
  const rows = await tx.query<{ journalId: string; accountId: string; entryId: string; amountMinor: unknown; balanceAfterMinor: unknown }>(
    `WITH line AS (
       SELECT * FROM unnest($1::int[], $2::uuid[], $3::uuid[], $4::uuid[], $5::bigint[]) AS l(ord, tenant_id, journal_id, account_id, amount_minor)
     ), run AS (
       SELECT line.*, sum(amount_minor) OVER (PARTITION BY account_id ORDER BY ord) AS moved,
              row_number() OVER (PARTITION BY account_id ORDER BY ord) AS nth
         FROM line
     ), total AS (
       SELECT account_id, tenant_id, sum(amount_minor) AS amount_minor, min(moved) FILTER (WHERE amount_minor < 0) AS lowest
         FROM run GROUP BY account_id, tenant_id
     ), moved AS (
       UPDATE ledger.account AS a SET balance_minor = a.balance_minor + total.amount_minor
       FROM total
       WHERE a.id = total.account_id AND a.tenant_id = total.tenant_id AND a.closed_at IS NULL
         AND (a.credit_limit_minor IS NULL OR total.lowest IS NULL OR a.balance_minor + total.lowest >= -a.credit_limit_minor)
       RETURNING a.id, a.balance_minor - total.amount_minor AS before_minor
     ), clock AS (SELECT clock_timestamp() AS at)
     INSERT INTO ledger.entry (tenant_id, journal_id, account_id, amount_minor, balance_after_minor, created_at)
     SELECT run.tenant_id, run.journal_id, run.account_id, run.amount_minor, moved.before_minor + run.moved,
            clock.at + (run.nth - 1) * interval '1 microsecond'
       FROM run JOIN moved ON moved.id = run.account_id CROSS JOIN clock
      ORDER BY run.ord
     RETURNING journal_id::text AS "journalId", account_id::text AS "accountId", id AS "entryId", amount_minor AS "amountMinor", balance_after_minor AS "balanceAfterMinor"`,
    [flat.map((_, i) => i), flat.map((l) => l.tenantId), flat.map((l) => l.journalId), flat.map((l) => l.accountId), flat.map((l) => l.amountMinor)],
  );
  // Each posting names an account once: (journal, account) is one entry.
  const byLine = new Map(rows.map((row) => [`${row.journalId}|${row.accountId}`, row]));
  const out: PostingLine[][] = batch.map(() => []);
  flat.forEach((line) => {
    const row = byLine.get(`${line.journalId}|${line.accountId}`);
    if (!row) throw new Error(`Ledger: account ${line.accountId} refused its line after it was checked; the transaction must roll back.`);
    out[line.k]!.push({
      entryId: row.entryId,
      accountId: line.accountId,
      amountMinor: minorUnits(row.amountMinor, 'amount'),
      balanceAfterMinor: minorUnits(row.balanceAfterMinor, 'balance after'),
    });
  });
  return out;
}
