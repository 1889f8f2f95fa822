import { chargeInterval, judgeRegister, type BillingState, type RegisterLimits, type TariffVersion } from '@hearth/platform/domain';
import type { Queryable } from '@hearth/platform/db';
import { lockBillings, lockWallets, type LockedBilling, type LockedWallet } from './billing.store';
import { insertCharges, saveBillings, type ChargeRow } from './charge.store';
import { announceBalances, postMeterCharges } from './meter-charge-posting';

/** What the meter can pass in an hour, per kind: more is a JUMP (a corrupt frame, a swapped meter), never charged. */
export interface ChargeSettings {
  limits: Record<'ELECTRICITY' | 'GAS', RegisterLimits>;
}

/** 1,000 kWh an hour (a large shop's 1 MW feed) and 200 m³ an hour (a commercial gas meter's Qmax), one hour's slack. */
export const DEFAULT_CHARGE_SETTINGS: ChargeSettings = {
  limits: { ELECTRICITY: { maxMilliPerHour: 1_000_000 }, GAS: { maxMilliPerHour: 200_000 } },
};

/** One register reading to judge: a meter's reading from the twins' table, or a replaced meter's final register. */
export interface RegisterInput {
  tenantId: string;
  meterId: string;
  observedAt: Date;
  /** `observedAt` to the microsecond: the charge's key and the ledger key. */
  observedKey: string;
  registerMilli: number;
  readingId: string | null;
  receivedAt: Date | null;
  source: 'READING' | 'REPLACEMENT';
}

/** The versions of each tariff asked for (the tenant's only). */
export type TariffVersionsLoader = (tx: Queryable, tenantId: string, tariffIds: string[]) => Promise<Map<string, TariffVersion[]>>;

export interface ChargedBatch {
  /** Readings judged now (a reading judged before is left out). */
  judged: number;
  /** The meters whose wallet this batch debited (their supply is looked at next). */
  debitedMeterIds: string[];
  rows: ChargeRow[];
}

/**
 * Judges a batch of readings and charges them, in the caller's transaction, each once per (meter,
 * observed_at): each affected meter's billing row is locked (readings of one meter are judged one
 * after another, in observed order, whoever else is charging), then each debited wallet once, in id
 * order with the revenue accounts, so batches never deadlock on the ledger. A reading judged before
 * (another instance, a replay) is found under the lock and left alone. The debit is what the wallet
 * can pay up to its credit limit; the rest is recorded UNFUNDED (the energy is gone; the debt is the
 * back office's). RESET, JUMP, BEHIND, UNCHANGED and UNBOUND readings are recorded with nothing charged.
 */
export async function chargeReadings(
  tx: Queryable,
  inputs: RegisterInput[],
  settings: ChargeSettings,
  versionsOf: TariffVersionsLoader,
): Promise<ChargedBatch> {
  const readings = uniqueInOrder(inputs);
  if (readings.length === 0) return { judged: 0, debitedMeterIds: [], rows: [] };
  const billings = await lockBillings(tx, readings);
  const judgedBefore = await alreadyJudged(tx, readings);
  const fresh = readings.filter((r) => !judgedBefore.has(keyOf(r)));
  const versions = await tariffVersions(tx, [...billings.values()], versionsOf);
  const wallets = await lockWallets(
    tx,
    [...billings.values()].filter((b) => b.accountId && b.tariffId),
  );

  const rows: ChargeRow[] = [];
  const debited = new Set<string>();
  // What each wallet pays is decided here on the balance the batch keeps; the debits are posted
  // together, in this order, once every reading is judged.
  const debits: { meter: LockedBilling; wallet: LockedWallet; row: ChargeRow }[] = [];
  for (const reading of fresh) {
    const billing = billings.get(reading.meterId);
    const row = judge(reading, billing, billing?.tariffId ? (versions.get(billing.tariffId) ?? []) : [], settings);
    const wallet = billing?.accountId ? wallets.get(billing.accountId) : undefined;
    if (row.amountMinor > 0 && billing && wallet) {
      // The energy is gone: the wallet pays what it can down to its credit limit; the rest is owed.
      row.paidMinor = Math.min(row.amountMinor, Math.max(0, wallet.balanceMinor + wallet.creditLimitMinor));
      row.status = row.paidMinor < row.amountMinor ? 'UNFUNDED' : 'CHARGED';
      wallet.balanceMinor -= row.paidMinor;
      row.balanceAfterMinor = wallet.balanceMinor;
      if (row.paidMinor > 0) {
        debits.push({ meter: billing, wallet, row });
        debited.add(billing.meterId);
      }
    } else if (row.amountMinor > 0) row.status = 'UNFUNDED'; // its wallet is gone (closed, not the tenant's): nothing paid
    rows.push(row);
  }
  (await postMeterCharges(tx, debits)).forEach((posted, i) => {
    debits[i]!.row.journalId = posted.journalId;
    debits[i]!.row.balanceAfterMinor = posted.balanceAfterMinor;
  });
  await insertCharges(tx, rows);
  await saveBillings(
    tx,
    [...billings.values()].filter((b) => b.changed),
  );
  await announceBalances(
    tx,
    [...wallets.values()].filter((w) => w.balanceMinor !== w.balanceBeforeMinor),
  );
  return { judged: rows.length, debitedMeterIds: [...debited], rows };
}

/**
 * One reading against its meter's baseline and billing period (both moved in `billing` when the
 * reading is accepted). A meter with no wallet or tariff, or a reading before its tariff's first
 * version, is UNBOUND: the baseline moves, nothing is charged, and charging starts from there once
 * the meter is bound (its consumption before then is not the wallet's).
 */
function judge(reading: RegisterInput, billing: LockedBilling | undefined, versions: TariffVersion[], settings: ChargeSettings): ChargeRow {
  const row: ChargeRow = {
    ...reading,
    fromAt: billing?.baselineAt ?? null,
    fromRegisterMilli: billing?.baselineRegisterMilli ?? null,
    consumedMilli: 0,
    amountMinor: 0,
    paidMinor: 0,
    status: 'UNBOUND',
    review: false,
    pieces: [],
    tariffId: billing?.tariffId ?? null,
    accountId: billing?.accountId ?? null,
    journalId: null,
    balanceAfterMinor: null,
  };
  if (!billing) return row;
  const baseline = billing.baselineAt ? { at: billing.baselineAt, registerMilli: billing.baselineRegisterMilli! } : null;
  const verdict = judgeRegister(baseline, { at: reading.observedAt, registerMilli: reading.registerMilli }, settings.limits[billing.kind]);
  if (verdict.kind === 'BEHIND') return { ...row, status: 'BEHIND' };
  const from = baseline?.at;
  billing.baselineAt = reading.observedAt;
  billing.baselineRegisterMilli = reading.registerMilli;
  billing.changed = true;
  switch (verdict.kind) {
    case 'RESET':
      return { ...row, status: baseline ? 'RESET' : 'BASELINE' };
    case 'UNCHANGED':
      return { ...row, status: 'UNCHANGED' };
    case 'JUMP':
      return { ...row, status: 'JUMP', review: true, consumedMilli: verdict.consumedMilli };
    case 'CHARGE': {
      const first = versions.reduce<Date | null>((min, v) => (!min || v.effectiveFrom < min ? v.effectiveFrom : min), null);
      if (!billing.accountId || !first || reading.observedAt <= first || !from) return { ...row, consumedMilli: verdict.consumedMilli };
      // Consumption over an interval the tariff only partly covers is priced from its first version.
      const charge = chargeInterval({
        versions,
        from: from < first ? first : from,
        to: reading.observedAt,
        consumedMilli: verdict.consumedMilli,
        billing: billing.state,
      });
      billing.state = charge.billing;
      return { ...row, status: 'CHARGED', consumedMilli: charge.consumedMilli, amountMinor: charge.amountMinor, pieces: charge.pieces };
    }
  }
}

const keyOf = (r: { tenantId: string; meterId: string; observedKey: string }) => `${r.tenantId}|${r.meterId}|${r.observedKey}`;

/** Each reading once, each meter's in observed order (a device's buffered backlog may come newest first). */
function uniqueInOrder(inputs: RegisterInput[]): RegisterInput[] {
  const seen = new Map(inputs.map((r) => [keyOf(r), r]));
  return [...seen.values()].sort((a, b) => a.meterId.localeCompare(b.meterId) || a.observedKey.localeCompare(b.observedKey));
}

async function alreadyJudged(tx: Queryable, readings: RegisterInput[]): Promise<Set<string>> {
  const rows = await tx.query<{ key: string }>(
    `SELECT c.tenant_id::text || '|' || c.meter_id::text || '|' || to_char(c.observed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS key
       FROM metering.charge c JOIN unnest($1::uuid[], $2::uuid[], $3::timestamptz[]) AS r(tenant_id, meter_id, observed_at)
         ON c.tenant_id = r.tenant_id AND c.meter_id = r.meter_id AND c.observed_at = r.observed_at`,
    [readings.map((r) => r.tenantId), readings.map((r) => r.meterId), readings.map((r) => r.observedKey)],
  );
  return new Set(rows.map((r) => r.key));
}

async function tariffVersions(tx: Queryable, billings: LockedBilling[], versionsOf: TariffVersionsLoader): Promise<Map<string, TariffVersion[]>> {
  const byTenant = new Map<string, Set<string>>();
  for (const b of billings) if (b.tariffId) byTenant.set(b.tenantId, (byTenant.get(b.tenantId) ?? new Set()).add(b.tariffId));
  const all = new Map<string, TariffVersion[]>();
  for (const [tenantId, ids] of byTenant) for (const [id, versions] of await versionsOf(tx, tenantId, [...ids])) all.set(id, versions);
  return all;
}

export type { BillingState, LockedWallet };
