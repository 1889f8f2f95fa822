import { randomUUID } from 'node:crypto';
import { DEMO_TENANT_ID } from '@hearth/platform';
import type { TariffStructure } from '@hearth/platform/domain';
import { post, systemAccount, WALLET_CURRENCY } from '@hearth/platform/ledger';
import { startDomainTestService, type DomainTestService } from '@hearth/testkit/domain-test-service';
import { testCustomer } from '@hearth/testkit/test-customers';
import { startMeteringService, type RunningMeteringService } from '../index';

export type ChargeTestService = DomainTestService<RunningMeteringService>;

/** The metering service with the twins' meter tables (the test writes readings as the meter kind would). */
export const startChargeTestService = (): Promise<ChargeTestService> =>
  startDomainTestService({
    name: 'metering',
    contracts: {
      tanks: new URL('../../../tanks/src/migrations/', import.meta.url),
      customers: new URL('../../../customers/src/migrations/', import.meta.url),
      'twins.meter': new URL('../../../../twins/src/kinds/meter/migrations/', import.meta.url),
    },
    start: startMeteringService,
  });

/** A tariff of the demo tenant with one version per structure given, the first in effect from `from`. */
export async function testTariff(
  t: ChargeTestService,
  versions: { from: Date; structure: TariffStructure }[],
  kind: 'ELECTRICITY' | 'GAS' = 'ELECTRICITY',
): Promise<string> {
  const [tariff] = await t.db.query<{ id: string }>(`INSERT INTO metering.tariff (tenant_id, kind, name) VALUES ($1, $2, $3) RETURNING id::text`, [
    DEMO_TENANT_ID,
    kind,
    `T ${randomUUID().slice(0, 8)}`,
  ]);
  for (const v of versions)
    await t.db.query(`INSERT INTO metering.tariff_version (tenant_id, tariff_id, effective_from, structure, created_by) VALUES ($1, $2, $3, $4, 'user:test')`, [
      DEMO_TENANT_ID,
      tariff!.id,
      v.from,
      JSON.stringify(v.structure),
    ]);
  return tariff!.id;
}

let serials = 100_000_000_000;

/** A meter of the demo tenant; bound to a new customer's wallet holding `balanceMinor` when a tariff is given. */
export async function testMeter(
  t: ChargeTestService,
  options: { tariffId?: string | null; balanceMinor?: number; creditLimitMinor?: number; kind?: 'ELECTRICITY' | 'GAS'; siteId?: string | null } = {},
): Promise<{ meterId: string; walletId: string | null; customerId: string | null }> {
  const customer = options.tariffId ? await testCustomer(t.db, { creditLimitMinor: options.creditLimitMinor ?? 0 }) : null;
  if (customer && options.balanceMinor) await payIn(t, customer.walletId, options.balanceMinor);
  const [meter] = await t.db.query<{ id: string }>(
    `INSERT INTO metering.meter (tenant_id, kind, serial, name, site_id, customer_id, account_id, tariff_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id::text`,
    [
      DEMO_TENANT_ID,
      options.kind ?? 'ELECTRICITY',
      String(serials++),
      `Shop ${serials}`,
      options.siteId ?? null,
      customer?.id ?? null,
      customer?.walletId ?? null,
      options.tariffId ?? null,
    ],
  );
  return { meterId: meter!.id, walletId: customer?.walletId ?? null, customerId: customer?.id ?? null };
}

/** A reading as the twins' meter kind stores it (a redelivery of the same observed_at is not stored again). */
export async function storeReading(t: ChargeTestService, meterId: string, at: Date, registerMilli: number, remainingMoneyMinor: number | null = null) {
  await t.db.query(
    `INSERT INTO twins.meter_reading (tenant_id, meter_id, observed_at, register_milli, remaining_money_minor) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT DO NOTHING`,
    [DEMO_TENANT_ID, meterId, at, registerMilli, remainingMoneyMinor],
  );
}

/** Money paid into a wallet, as the customers subgraph's top-up posts it (wallet up, the channel's clearing account down). */
export async function payIn(t: ChargeTestService, accountId: string, amountMinor: number): Promise<string> {
  return t.db.transaction(async (tx) => {
    const clearing = await systemAccount(tx, DEMO_TENANT_ID, 'CLEARING', WALLET_CURRENCY, 'WECHAT_PAY');
    const posting = await post(tx, {
      tenantId: DEMO_TENANT_ID,
      idempotencyKey: `user:test|top-up-${randomUUID()}`,
      kind: 'TOP_UP',
      actor: 'user:test',
      lines: [
        { accountId, amountMinor },
        { accountId: clearing.id, amountMinor: -amountMinor },
      ],
    });
    return posting.journalId;
  });
}

export const balanceOf = async (t: ChargeTestService, accountId: string) =>
  (await t.db.query<{ b: number }>(`SELECT balance_minor::float8 AS b FROM ledger.account WHERE id = $1`, [accountId]))[0]!.b;

/** A meter's charge rows in reading order. */
export const chargesOf = (t: ChargeTestService, meterId: string) =>
  t.db.query<{ status: string; consumedMilli: number; amountMinor: number; paidMinor: number; review: boolean; journalId: string | null }>(
    `SELECT status, consumed_milli::float8 AS "consumedMilli", amount_minor::float8 AS "amountMinor", paid_minor::float8 AS "paidMinor", review,
            journal_id::text AS "journalId"
       FROM metering.charge WHERE meter_id = $1 ORDER BY observed_at`,
    [meterId],
  );

/** Minutes after a fixed instant in a March (one billing month), as readings' device times. */
export const at = (minutes: number) => new Date(Date.UTC(2025, 2, 10, 2, 0) + minutes * 60_000);
export const TARIFF_FROM = new Date(Date.UTC(2025, 0, 1));
