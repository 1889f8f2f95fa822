import type { Queryable } from '@hearth/platform/db';
import { keyReusedAs, postMany, type PostingRequest } from '@hearth/platform/ledger';
import { HearthError } from '@hearth/platform';
import type { LockedBilling, LockedWallet } from './billing.store';
import type { ChargeRow } from './charge.store';

/** Who charges meters on the books. */
export const METER_BILLING = 'service:meter-billing';

/** The NOTIFY channel the twins' meter kind learns balances on (payload `{tenantId, meterId, balanceMinor, at}`). */
export const METER_BALANCE_CHANNEL = 'metering_meter_balance';

const units = (kind: LockedBilling['kind'], milli: number) => `${(milli / 1000).toFixed(3)} ${kind === 'ELECTRICITY' ? 'kWh' : 'm³'}`;

/**
 * The readings' debits, in one batch of the ledger (`postMany`: three statements however many): each
 * `paidMinor` from the meter's wallet to the company's meter revenue, keyed `meter:<meterId>:<observedAt>`
 * under `service:meter-billing` (as `postAs` keys it), so a reading is posted once whoever charges it.
 * The wallets are locked by the batch already. Returns each debit's journal and the wallet's balance
 * after it, in the order given.
 */
export async function postMeterCharges(
  tx: Queryable,
  debits: { meter: LockedBilling; wallet: LockedWallet; row: ChargeRow }[],
): Promise<{ journalId: string; balanceAfterMinor: number }[]> {
  if (debits.length === 0) return [];
  const requests: PostingRequest[] = debits.map(({ meter, wallet, row }) => ({
    tenantId: meter.tenantId,
    idempotencyKey: `${METER_BILLING}|${keyOf(meter, row)}`,
    kind: 'METER_CHARGE',
    description: `${meter.kind === 'ELECTRICITY' ? 'Electricity' : 'Gas'} ${units(meter.kind, row.consumedMilli)}, meter ${meter.name} (${meter.serial})`,
    actor: METER_BILLING,
    lines: [
      { accountId: wallet.id, amountMinor: -row.paidMinor },
      { accountId: wallet.revenue.get(meter.kind)!, amountMinor: row.paidMinor },
    ],
    metadata: { meterId: meter.meterId, observedAt: row.observedKey, consumedMilli: row.consumedMilli, amountMinor: row.amountMinor },
  }));
  try {
    const postings = await postMany(tx, requests);
    return postings.map((p) => ({ journalId: p.journalId, balanceAfterMinor: p.lines[0]!.balanceAfterMinor }));
  } catch (err) {
    // The ledger names the stored key; ours is without the actor's prefix (as postAs reports it).
    const stored = err instanceof HearthError ? err.extensions.idempotencyKey : undefined;
    throw typeof stored === 'string' ? keyReusedAs(err, stored.slice(METER_BILLING.length + 1)) : err;
  }
}

const keyOf = (meter: LockedBilling, row: ChargeRow) => `meter:${meter.meterId}:${row.observedKey}`;

/**
 * Tells the twins the balances of these wallets' meters (every bound meter of each: a mall tenant's
 * shops share a wallet), and records them as seen, in the transaction that moved them: a wallet whose
 * ledger balance later differs from what was seen was moved by someone else (a top-up).
 */
export async function announceBalances(tx: Queryable, wallets: { id: string; tenantId: string; balanceMinor: number }[]): Promise<void> {
  if (wallets.length === 0) return;
  const params = [wallets.map((w) => w.id), wallets.map((w) => w.tenantId), wallets.map((w) => w.balanceMinor)];
  await tx.query(
    `INSERT INTO metering.wallet_seen AS s (account_id, tenant_id, balance_minor, seen_at)
     SELECT * , now() FROM unnest($1::uuid[], $2::uuid[], $3::bigint[])
     ON CONFLICT (account_id) DO UPDATE SET balance_minor = excluded.balance_minor, seen_at = excluded.seen_at`,
    params,
  );
  await tx.query(
    `SELECT pg_notify('${METER_BALANCE_CHANNEL}', json_build_object('tenantId', m.tenant_id, 'meterId', m.id, 'balanceMinor', w.balance_minor,
              'at', to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text)
       FROM metering.meter m JOIN unnest($1::uuid[], $2::uuid[], $3::bigint[]) AS w(account_id, tenant_id, balance_minor)
         ON m.account_id = w.account_id AND m.tenant_id = w.tenant_id
      -- The wallets' meters by index (meter_by_account), not a scan of every meter for each wallet.
      WHERE m.account_id = ANY($1::uuid[])`,
    params,
  );
}
