import { emergencyRecovery } from '@hearth/platform/domain';
import { timeKeySql, type Queryable } from '@hearth/platform/db';
import { postAs, systemAccount, WALLET_CURRENCY } from '@hearth/platform/ledger';
import { METER_BILLING } from '../charge/meter-charge-posting';

/**
 * Emergency credit on the books: lent from the company's receivable (a CLEARING account of this
 * code, its balance minus what customers owe) into the wallet, repaid from top-ups back into it.
 */
export const EMERGENCY_CREDIT_CODE = 'METER_EMERGENCY_CREDIT';

/** Journals scanned per wallet per statement while looking for top-ups. */
const SCAN = 500;
/** A wallet owing credit is looked at once this many entries passed its top-up cursor, top-up or not (keeps the scan short). */
export const SCAN_AHEAD = 50;

/** The company's emergency-credit receivable (opened on first use). */
export async function receivableOf(tx: Queryable, tenantId: string): Promise<string> {
  return (await systemAccount(tx, tenantId, 'CLEARING', WALLET_CURRENCY, EMERGENCY_CREDIT_CODE)).id;
}

export interface OutstandingCredit {
  id: string;
  meterId: string;
  accountId: string;
  outstandingMinor: number;
}

/** The outstanding loans of these wallets, oldest first; `lock`: FOR UPDATE (before any account is locked). */
export function outstandingCredits(q: Queryable, walletIds: readonly string[], lock: boolean): Promise<OutstandingCredit[]> {
  return q.query<OutstandingCredit>(
    `SELECT id::text, meter_id::text AS "meterId", account_id::text AS "accountId", outstanding_minor::float8 AS "outstandingMinor"
       FROM metering.emergency_credit WHERE account_id = ANY($1::uuid[]) AND recovered_minor < granted_minor ORDER BY id${lock ? ' FOR UPDATE' : ''}`,
    [walletIds],
  );
}

/**
 * Wallets among these (owing credit) with something to look at past their top-up cursor: a top-up,
 * or `SCAN_AHEAD` entries (the cursor then moves past them). Each wallet's entries are read by the
 * ledger's index `(account_id, created_at DESC, id DESC)`, at most `SCAN_AHEAD` of them.
 */
export async function walletsToRecover(q: Queryable, walletIds: readonly string[]): Promise<Set<string>> {
  if (walletIds.length === 0) return new Set();
  const rows = await q.query<{ id: string }>(
    `SELECT c.account_id::text AS id
       FROM metering.top_up_cursor c
       CROSS JOIN LATERAL (
         SELECT count(*) AS n, bool_or(j.kind = 'TOP_UP' AND e.amount_minor > 0) AS top_up
           FROM (SELECT e.journal_id, e.amount_minor FROM ledger.entry e
                  WHERE e.account_id = c.account_id AND (e.created_at, e.id) > (c.entry_at, c.entry_id)
                  ORDER BY e.created_at, e.id LIMIT ${SCAN_AHEAD}) e
           JOIN ledger.journal j ON j.id = e.journal_id) s
      WHERE c.account_id = ANY($1::uuid[]) AND (s.top_up OR s.n >= ${SCAN_AHEAD})`,
    [walletIds],
  );
  return new Set(rows.map((r) => r.id));
}

/**
 * Lends `amountMinor` to a meter (its row locked by the caller, none outstanding): journal
 * EMERGENCY_CREDIT keyed `emergency-credit:<meterId>:<grant_no>` under `service:meter-billing`, so
 * one grant is posted once, and its loan recorded. A wallet owing nothing before starts looking for
 * top-ups after this grant. Returns the wallet's balance after.
 */
export async function grantEmergencyCredit(
  tx: Queryable,
  grant: { tenantId: string; meterId: string; accountId: string; amountMinor: number; receivableId: string },
): Promise<number> {
  const [{ grantNo, walletOwes }] = (await tx.query<{ grantNo: number; walletOwes: boolean }>(
    `SELECT (SELECT coalesce(max(grant_no), 0) + 1 FROM metering.emergency_credit WHERE meter_id = $1)::int AS "grantNo",
            EXISTS (SELECT 1 FROM metering.emergency_credit WHERE account_id = $2 AND recovered_minor < granted_minor) AS "walletOwes"`,
    [grant.meterId, grant.accountId],
  )) as [{ grantNo: number; walletOwes: boolean }];
  const posting = await postAs(tx, METER_BILLING, {
    tenantId: grant.tenantId,
    idempotencyKey: `emergency-credit:${grant.meterId}:${grantNo}`,
    kind: 'EMERGENCY_CREDIT',
    description: 'Emergency credit lent at zero, repaid from later top-ups',
    actor: METER_BILLING,
    lines: [
      { accountId: grant.accountId, amountMinor: grant.amountMinor },
      { accountId: grant.receivableId, amountMinor: -grant.amountMinor },
    ],
    metadata: { meterId: grant.meterId, grantNo },
  });
  await tx.query(
    `INSERT INTO metering.emergency_credit (tenant_id, meter_id, account_id, grant_no, granted_minor, grant_journal_id) VALUES ($1, $2, $3, $4, $5, $6)`,
    [grant.tenantId, grant.meterId, grant.accountId, grantNo, grant.amountMinor, posting.journalId],
  );
  const entryId = posting.lines[0]!.entryId;
  await tx.query(
    `INSERT INTO metering.top_up_cursor AS c (account_id, tenant_id, entry_at, entry_id)
     SELECT e.account_id, e.tenant_id, e.created_at, e.id FROM ledger.entry e WHERE e.id = $1
     ON CONFLICT (account_id) DO UPDATE SET entry_at = excluded.entry_at, entry_id = excluded.entry_id WHERE NOT $2::boolean`,
    [entryId, walletOwes],
  );
  return posting.lines[0]!.balanceAfterMinor;
}

interface WalletEntry {
  id: string;
  /** `created_at` to the microsecond. */
  at: string;
  journalId: string;
  amountMinor: number;
  kind: string;
}

/**
 * Repays a wallet's outstanding loans (`credits`, locked, oldest first; the wallet and receivable
 * locked too) from its top-ups past its cursor, oldest first: each top-up repays
 * `emergencyRecovery(topUp, outstanding, sharePercent)` (no more than the wallet can pay now) in
 * one EMERGENCY_RECOVERY posting keyed `emergency-recovery:<topUpJournalId>:<walletId>`, spread over
 * the loans oldest first; the cursor moves past every entry read. All in the caller's transaction.
 * Returns what was repaid in all (the wallet's balance falls by it).
 */
export async function recoverFromTopUps(
  tx: Queryable,
  wallet: { id: string; tenantId: string; balanceMinor: number; creditLimitMinor: number | null },
  credits: OutstandingCredit[],
  receivableId: string,
  sharePercent: number,
): Promise<number> {
  const [cursor] = await tx.query<{ at: string; id: string }>(
    `SELECT ${timeKeySql('entry_at')} AS at, entry_id::text AS id FROM metering.top_up_cursor WHERE account_id = $1`,
    [wallet.id],
  );
  if (!cursor) return 0;
  let balance = wallet.balanceMinor;
  let recovered = 0;
  let after: WalletEntry = { id: cursor.id, at: cursor.at, journalId: '', amountMinor: 0, kind: '' };
  let moved = false;
  for (;;) {
    // Parameters, not a subquery: the row comparison is then a range of the index `(account_id, created_at DESC, id DESC)`.
    const entries: WalletEntry[] = await tx.query<WalletEntry>(
      `SELECT e.id::text, ${timeKeySql('e.created_at')} AS at, e.journal_id::text AS "journalId", e.amount_minor::float8 AS "amountMinor", j.kind
         FROM ledger.entry e JOIN ledger.journal j ON j.id = e.journal_id
        WHERE e.account_id = $1 AND (e.created_at, e.id) > ($2::timestamptz, $3::uuid)
        ORDER BY e.created_at, e.id LIMIT ${SCAN}`,
      [wallet.id, after.at, after.id],
    );
    for (const entry of entries) {
      const owed = credits.reduce((sum, c) => sum + c.outstandingMinor, 0);
      if (entry.kind !== 'TOP_UP' || entry.amountMinor <= 0 || owed === 0) continue;
      const canPay = wallet.creditLimitMinor === null ? Number.MAX_SAFE_INTEGER : Math.max(0, balance + wallet.creditLimitMinor);
      const amount = Math.min(emergencyRecovery(entry.amountMinor, owed, sharePercent), canPay);
      if (amount <= 0) continue;
      const posting = await postAs(tx, METER_BILLING, {
        tenantId: wallet.tenantId,
        idempotencyKey: `emergency-recovery:${entry.journalId}:${wallet.id}`,
        kind: 'EMERGENCY_RECOVERY',
        description: 'Emergency credit repaid from a top-up',
        actor: METER_BILLING,
        lines: [
          { accountId: wallet.id, amountMinor: -amount },
          { accountId: receivableId, amountMinor: amount },
        ],
        metadata: { topUpJournalId: entry.journalId, topUpMinor: entry.amountMinor, sharePercent },
      });
      // Posted before (its loans already repaid by it): nothing more to record.
      if (posting.replayed) continue;
      balance = posting.lines[0]!.balanceAfterMinor;
      recovered += amount;
      let left = amount;
      for (const credit of credits) {
        const part = Math.min(left, credit.outstandingMinor);
        if (part <= 0) continue;
        credit.outstandingMinor -= part;
        left -= part;
        await tx.query(
          `UPDATE metering.emergency_credit SET recovered_minor = recovered_minor + $2,
                  repaid_at = CASE WHEN recovered_minor + $2 = granted_minor THEN now() END WHERE id = $1`,
          [credit.id, part],
        );
        await tx.query(
          `INSERT INTO metering.emergency_recovery (credit_id, top_up_journal_id, tenant_id, journal_id, recovered_minor) VALUES ($1, $2, $3, $4, $5)`,
          [credit.id, entry.journalId, wallet.tenantId, posting.journalId, part],
        );
      }
    }
    const last = entries.at(-1);
    if (last) [after, moved] = [last, true];
    if (entries.length < SCAN) break;
  }
  if (moved)
    await tx.query(
      `UPDATE metering.top_up_cursor c SET entry_at = e.created_at, entry_id = e.id FROM ledger.entry e WHERE c.account_id = $1 AND e.id = $2::uuid`,
      [wallet.id, after.id],
    );
  return recovered;
}
