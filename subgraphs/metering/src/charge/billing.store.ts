import type { BillingState } from '@hearth/platform/domain';
import type { Queryable } from '@hearth/platform/db';
import { systemAccount, WALLET_CURRENCY } from '@hearth/platform/ledger';

export type MeterKindName = 'ELECTRICITY' | 'GAS';

/** A meter being charged: its binding, and its baseline and billing period (locked, changed in place). */
export interface LockedBilling {
  meterId: string;
  tenantId: string;
  kind: MeterKindName;
  name: string;
  serial: string;
  accountId: string | null;
  tariffId: string | null;
  baselineAt: Date | null;
  baselineRegisterMilli: number | null;
  state: BillingState | null;
  /** Set when the batch moved the baseline or the billing period: saved at its end. */
  changed: boolean;
}

/** A wallet being debited (locked): its balance as the batch moves it, and where its tenant's meter revenue goes. */
export interface LockedWallet {
  id: string;
  tenantId: string;
  balanceMinor: number;
  balanceBeforeMinor: number;
  creditLimitMinor: number;
  revenue: Map<MeterKindName, string>;
}

/** The revenue account charges of a kind are credited to (the company's meter sales, by kind). */
export const revenueAccount = (tx: Queryable, tenantId: string, kind: MeterKindName) =>
  systemAccount(tx, tenantId, 'REVENUE', WALLET_CURRENCY, kind === 'ELECTRICITY' ? 'ELECTRICITY_SALES' : 'GAS_SALES');

/**
 * The billing rows of the readings' meters, created on a meter's first reading and locked in meter
 * id order (every charger locks them so: two batches sharing meters wait, never deadlock). A meter
 * not on the register (or another tenant's) has none.
 */
export async function lockBillings(tx: Queryable, readings: { tenantId: string; meterId: string }[]): Promise<Map<string, LockedBilling>> {
  const pairs = [...new Map(readings.map((r) => [r.meterId, r.tenantId]))];
  const params = [pairs.map(([meterId]) => meterId), pairs.map(([, tenantId]) => tenantId)];
  await tx.query(
    `INSERT INTO metering.meter_billing (meter_id, tenant_id)
     SELECT m.id, m.tenant_id FROM metering.meter m JOIN unnest($1::uuid[], $2::uuid[]) AS r(meter_id, tenant_id) ON m.id = r.meter_id AND m.tenant_id = r.tenant_id
     ORDER BY m.id ON CONFLICT (meter_id) DO NOTHING`,
    params,
  );
  const rows = await tx.query<{
    meterId: string;
    tenantId: string;
    kind: MeterKindName;
    name: string;
    serial: string;
    accountId: string | null;
    tariffId: string | null;
    baselineAt: Date | null;
    baselineRegisterMilli: number | null;
    periodStart: Date | null;
    consumedMilli: number;
    costE7: string;
  }>(
    `SELECT b.meter_id::text AS "meterId", b.tenant_id::text AS "tenantId", m.kind, m.name, m.serial, m.account_id::text AS "accountId",
            m.tariff_id::text AS "tariffId", b.baseline_at AS "baselineAt", b.baseline_register_milli::float8 AS "baselineRegisterMilli",
            b.period_start AS "periodStart", b.consumed_milli::float8 AS "consumedMilli", b.cost_e7::text AS "costE7"
       FROM metering.meter_billing b JOIN metering.meter m ON m.id = b.meter_id AND m.tenant_id = b.tenant_id
      WHERE b.meter_id = ANY($1::uuid[]) ORDER BY b.meter_id FOR UPDATE OF b`,
    [params[0]],
  );
  return new Map(
    rows.map(({ periodStart, consumedMilli, costE7, ...r }) => [
      r.meterId,
      { ...r, state: periodStart ? { periodStart, consumedMilli, costE7: BigInt(costE7) } : null, changed: false },
    ]),
  );
}

/**
 * The wallets of bound meters and their tenants' meter revenue accounts, locked together in id
 * order (the order every posting locks in), so each is locked once for the batch and the batch
 * waits for, never deadlocks with, a top-up or another batch.
 */
export async function lockWallets(tx: Queryable, bound: LockedBilling[]): Promise<Map<string, LockedWallet>> {
  if (bound.length === 0) return new Map();
  const revenue = new Map<string, Map<MeterKindName, string>>();
  for (const { tenantId, kind } of bound) {
    const ofTenant = revenue.get(tenantId) ?? new Map<MeterKindName, string>();
    revenue.set(tenantId, ofTenant);
    if (!ofTenant.has(kind)) ofTenant.set(kind, (await revenueAccount(tx, tenantId, kind)).id);
  }
  const walletIds = new Set(bound.map((b) => b.accountId!));
  const revenueIds = [...revenue.values()].flatMap((m) => [...m.values()]);
  const rows = await tx.query<{ id: string; tenantId: string; balanceMinor: number; creditLimitMinor: number | null }>(
    `SELECT id::text, tenant_id::text AS "tenantId", balance_minor::float8 AS "balanceMinor", credit_limit_minor::float8 AS "creditLimitMinor"
       FROM ledger.account WHERE id = ANY($1::uuid[]) ORDER BY id FOR NO KEY UPDATE`,
    [[...walletIds, ...revenueIds]],
  );
  const wallets = new Map<string, LockedWallet>();
  for (const row of rows) {
    if (!walletIds.has(row.id)) continue;
    wallets.set(row.id, {
      id: row.id,
      tenantId: row.tenantId,
      balanceMinor: row.balanceMinor,
      balanceBeforeMinor: row.balanceMinor,
      creditLimitMinor: row.creditLimitMinor ?? 0,
      revenue: revenue.get(row.tenantId) ?? new Map(),
    });
  }
  return wallets;
}
