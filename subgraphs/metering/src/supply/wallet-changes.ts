import type { Database } from '@hearth/platform/db';
import { announceBalances } from '../charge/meter-charge-posting';
import { DEFAULT_SUPPLY_POLICY } from './supply-policy.store';

/**
 * Wallets of bound meters whose ledger balance is not the one metering last told the twins: moved by
 * someone else (a top-up through the customers subgraph or a partner, a refund, a manual charge) or
 * bound since. Each is told to the twins (`metering_meter_balance`) and recorded as seen, its balance
 * read under a share lock so a charge committing meanwhile is not overwritten by an older balance.
 * Returns the meters of those wallets (their supply is looked at next).
 *
 * `recentMs` given: only the wallets of the ledger's journals other than meter charges written in that
 * window (`journal_moving_wallets_by_time`, migration 0007): it costs with the top-ups, not with the
 * meters, and runs every few seconds. Without it: one join of every bound meter's wallet with what was
 * seen (a balance that differs is found however it changed, a wallet bound since included), the
 * safety net, run less often.
 */
export async function seeWalletChanges(db: Database, recentMs?: number): Promise<string[]> {
  const changed =
    recentMs === undefined
      ? await db.query<{ id: string }>(
          `SELECT DISTINCT a.id::text
             FROM metering.meter m JOIN ledger.account a ON a.id = m.account_id AND a.tenant_id = m.tenant_id
             LEFT JOIN metering.wallet_seen s ON s.account_id = a.id
            WHERE s.balance_minor IS DISTINCT FROM a.balance_minor`,
        )
      : await db.query<{ id: string }>(
          `SELECT DISTINCT a.id::text
             FROM ledger.journal j JOIN ledger.entry e ON e.journal_id = j.id
             JOIN ledger.account a ON a.id = e.account_id
             LEFT JOIN metering.wallet_seen s ON s.account_id = a.id
            WHERE j.kind <> 'METER_CHARGE' AND j.created_at > clock_timestamp() - $1::int * interval '1 millisecond'
              AND EXISTS (SELECT 1 FROM metering.meter m WHERE m.account_id = a.id AND m.account_id IS NOT NULL AND m.tenant_id = a.tenant_id)
              AND s.balance_minor IS DISTINCT FROM a.balance_minor`,
          [Math.round(recentMs)],
        );
  if (changed.length === 0) return [];
  return db.transaction(async (tx) => {
    const wallets = await tx.query<{ id: string; tenantId: string; balanceMinor: number }>(
      `SELECT id::text, tenant_id::text AS "tenantId", balance_minor::float8 AS "balanceMinor" FROM ledger.account WHERE id = ANY($1::uuid[]) ORDER BY id FOR SHARE`,
      [changed.map((w) => w.id)],
    );
    await announceBalances(tx, wallets);
    const meters = await tx.query<{ id: string }>(`SELECT id::text FROM metering.meter WHERE account_id = ANY($1::uuid[])`, [wallets.map((w) => w.id)]);
    return meters.map((m) => m.id);
  });
}

/**
 * Meters tripped (OPEN) or alarmed, and those whose wallet owes emergency credit (a top-up repays its
 * share, even one another meter's charge has announced since): by index (`meter_watched`,
 * `emergency_credit_wallet`), every few seconds. A meter reaching alarm 1 is alarmed by its decision,
 * so it is among these until its balance is back up.
 */
export async function metersWatched(db: Database): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `SELECT m.id::text FROM metering.meter m WHERE m.relay_intended = 'OPEN' OR m.alarm_level <> 'NONE'
     UNION
     SELECT m.id::text FROM metering.emergency_credit c JOIN metering.meter m ON m.account_id = c.account_id AND m.account_id IS NOT NULL
      WHERE c.recovered_minor < c.granted_minor`,
  );
  return rows.map((r) => r.id);
}

/**
 * Meters whose supply may be due to change without their balance moving: tripped (OPEN), alarmed,
 * or at or below alarm 1 (a trip held back by protection or a friendly window, due when it ends),
 * and those whose wallet owes emergency credit (a top-up repays its share, even one another meter's
 * charge has announced since).
 */
export async function metersToWatch(db: Database): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `SELECT m.id::text FROM metering.meter m
       JOIN ledger.account a ON a.id = m.account_id AND a.tenant_id = m.tenant_id
       LEFT JOIN metering.supply_policy p ON p.tenant_id = m.tenant_id
      WHERE m.relay_intended = 'OPEN' OR m.alarm_level <> 'NONE' OR a.balance_minor <= coalesce(p.alarm1_minor, $1)
         OR EXISTS (SELECT 1 FROM metering.emergency_credit c WHERE c.account_id = a.id AND c.recovered_minor < c.granted_minor)`,
    [DEFAULT_SUPPLY_POLICY.alarm1Minor],
  );
  return rows.map((r) => r.id);
}
