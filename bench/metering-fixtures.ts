import { randomBytes, randomUUID } from 'node:crypto';
import { bindDevicesOfTenant, insertGateways } from '@hearth/broker';
import type { MeteringServices } from '@hearth/metering';
import { hashSecret, type CallerContext } from '@hearth/platform';
import type { Database } from '@hearth/platform/db';
import { post, systemAccount, WALLET_CURRENCY } from '@hearth/platform/ledger';
import type { MeterGateway } from './metering-publisher';
import { check } from './stats';

export interface MeterFleetSpec {
  meters: number;
  metersPerGateway: number;
  /** Meters bound through the metering service one by one; the rest by the same statement in bulk (see `seedMeterFleet`). */
  boundThroughService: number;
}

export interface MeterFleet {
  gateways: MeterGateway[];
  /** Every meter's id and wallet, in publisher order. */
  meters: { id: string; accountId: string }[];
  tariffId: string;
  /** Each meter's register at its baseline, kWh. */
  baselineKwh: number;
  seconds: { import: number; customers: number; bindService: number; bindBulk: number; rest: number };
}

/** ¥10,000 each: every reading the bench sends a meter is paid in full, and no balance nears an alarm level. */
export const WALLET_MONEY = 1_000_000;
const BATCH = 5_000;
const IMPORT = 10_000;

/**
 * A mall operator's 100,000 prepaid electricity meters, as the services would have them:
 * registered through the metering service's import (10,000 a file), each bound to a business
 * customer's wallet (funded through the ledger, one posting per 5,000 wallets) and the operator's
 * TOU tariff; a first `boundThroughService` through `MeterService.bind` (locks, audit, balance
 * notice), the rest by the same UPDATE in bulk (binding 100,000 one by one would time the seeding,
 * not the charging); each meter bound to its gateway in the fleet, and with a baseline reading 15
 * minutes old (its previous reading), so the bench's readings are charged.
 */
export async function seedMeterFleet(db: Database, metering: MeteringServices, tenantId: string, spec: MeterFleetSpec): Promise<MeterFleet> {
  const by: CallerContext = { tenantId, requestId: 'bench-seed', principal: { kind: 'service', id: 'bench-seed' }, scopes: [] };
  const { tariffs } = metering.tariffs;
  const slot = (from: string, period: string) => ({ days: 'WEEKDAY', from, period });
  const tariff = await tariffs.create(by, {
    kind: 'ELECTRICITY',
    name: 'Bench mall TOU',
    markupCapPercent: 60,
    version: {
      type: 'TOU',
      touPrices: [
        { period: 'PEAK', unitPrice: '1.0200' },
        { period: 'FLAT', unitPrice: '0.6800' },
        { period: 'VALLEY', unitPrice: '0.3500' },
      ],
      touSlots: [slot('00:00', 'VALLEY'), slot('08:00', 'FLAT'), slot('10:00', 'PEAK'), slot('12:00', 'FLAT'), slot('14:00', 'PEAK'), slot('19:00', 'FLAT')],
      officialUnitPrice: '0.6500',
    },
  } as unknown as Parameters<typeof tariffs.create>[1]);

  let t = performance.now();
  const lap = () => {
    const s = (performance.now() - t) / 1000;
    t = performance.now();
    return Math.round(s * 10) / 10;
  };
  const serials: string[] = [];
  for (let from = 0; from < spec.meters; from += IMPORT) {
    const rows = Array.from({ length: Math.min(IMPORT, spec.meters - from) }, (_, k) => {
      const serial = String(300_000_000_000 + from + k);
      serials.push(serial);
      return { kind: 'ELECTRICITY', serial, name: `Unit ${from + k + 1}` };
    });
    const imported = await metering.meters.meters.importRows(by, rows);
    check(imported.imported === rows.length, `meter import: ${JSON.stringify(imported.problems.slice(0, 2))}`);
  }
  const ids = new Map(
    (await db.query<{ id: string; serial: string }>(`SELECT id::text, serial FROM metering.meter WHERE tenant_id = $1`, [tenantId])).map((r) => [
      r.serial,
      r.id,
    ]),
  );
  const importSeconds = lap();

  // The tenants: a business customer and wallet each, written as the customers service stores them.
  const customers: { id: string; accountId: string }[] = [];
  for (let from = 0; from < spec.meters; from += BATCH) {
    const rows = Array.from({ length: Math.min(BATCH, spec.meters - from) }, () => ({ id: randomUUID(), accountId: randomUUID() }));
    await db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO ledger.account (id, tenant_id, type, currency, owner_ref, name, credit_limit_minor)
         SELECT a, $1, 'CUSTOMER_WALLET', 'CNY', 'customer:' || c, 'bench tenant wallet', 0 FROM unnest($2::uuid[], $3::uuid[]) AS u(a, c)`,
        [tenantId, rows.map((r) => r.accountId), rows.map((r) => r.id)],
      );
      await tx.query(
        `INSERT INTO customers.customer (id, tenant_id, card_number, type, name, account_id)
         SELECT id, $1, 'M' || lpad(n::text, 9, '0'), 'COMMERCIAL', 'Bench tenant ' || n, account
           FROM unnest($2::uuid[], $3::uuid[]) WITH ORDINALITY AS r(id, account, k), LATERAL (SELECT $4::int + k AS n) AS x`,
        [tenantId, rows.map((r) => r.id), rows.map((r) => r.accountId), from],
      );
      const clearing = await systemAccount(tx, tenantId, 'CLEARING', WALLET_CURRENCY, 'BANK_TRANSFER');
      await post(tx, {
        tenantId,
        idempotencyKey: `bench-meter-wallets-${from}`,
        kind: 'TOP_UP',
        actor: 'system',
        lines: [
          ...rows.map((r) => ({ accountId: r.accountId, amountMinor: WALLET_MONEY })),
          { accountId: clearing.id, amountMinor: -WALLET_MONEY * rows.length },
        ],
      });
    });
    customers.push(...rows);
  }
  const customersSeconds = lap();

  const meters = serials.map((serial, i) => ({ id: ids.get(serial)!, accountId: customers[i]!.accountId, customerId: customers[i]!.id }));
  const throughService = Math.min(spec.boundThroughService, meters.length);
  for (const m of meters.slice(0, throughService)) await metering.meters.meters.bind(by, m.id, m.customerId, tariff.id);
  const bindService = lap();
  const rest = meters.slice(throughService);
  for (let from = 0; from < rest.length; from += BATCH) {
    const rows = rest.slice(from, from + BATCH);
    await db.query(
      `UPDATE metering.meter m SET customer_id = r.customer, account_id = r.account, tariff_id = $2
         FROM unnest($3::uuid[], $4::uuid[], $5::uuid[]) AS r(id, customer, account) WHERE m.tenant_id = $1 AND m.id = r.id`,
      [tenantId, tariff.id, rows.map((m) => m.id), rows.map((m) => m.customerId), rows.map((m) => m.accountId)],
    );
  }
  const bindBulk = lap();

  // Gateways (one secret for all: the broker checks each CONNECT against its own hash anyway), their meters, the baselines.
  const secret = randomBytes(24).toString('base64url');
  const hash = await hashSecret(secret);
  const gateways: MeterGateway[] = [];
  for (let from = 0, g = 1; from < meters.length; from += spec.metersPerGateway, g++)
    gateways.push({ id: `bench-meter-gw-${String(g).padStart(4, '0')}`, secret, meters: meters.slice(from, from + spec.metersPerGateway).map((m) => m.id) });
  await insertGateways(
    db,
    tenantId,
    gateways.map((g) => ({ id: g.id, name: g.id, secretHash: hash })),
  );
  for (const g of gateways) {
    await bindDevicesOfTenant(
      db,
      tenantId,
      g.meters.map((id) => ({ kind: 'meter' as const, id, gatewayId: g.id })),
    );
  }
  const baselineKwh = 1_000;
  for (let from = 0; from < meters.length; from += BATCH) {
    await db.query(
      `INSERT INTO metering.meter_billing (meter_id, tenant_id, baseline_at, baseline_register_milli)
       SELECT id, $1, now() - interval '15 minutes', $2 FROM unnest($3::uuid[]) AS id`,
      [tenantId, baselineKwh * 1000, meters.slice(from, from + BATCH).map((m) => m.id)],
    );
  }
  return {
    gateways,
    meters: meters.map(({ id, accountId }) => ({ id, accountId })),
    tariffId: tariff.id,
    baselineKwh,
    seconds: { import: importSeconds, customers: customersSeconds, bindService, bindBulk, rest: lap() },
  };
}

/**
 * The ceiling of charging: the same debits (a meter's wallet to the meter revenue account) posted by
 * the ledger alone, one transaction each, one after another: postings/s.
 */
export async function measureMeterLedgerPostings(
  db: Database,
  tenantId: string,
  accounts: string[],
  postings: number,
): Promise<{ postings: number; perSecond: number }> {
  const revenue = await db.transaction((tx) => systemAccount(tx, tenantId, 'REVENUE', WALLET_CURRENCY, 'ELECTRICITY_SALES'));
  const started = performance.now();
  for (let n = 0; n < postings; n++) {
    await db.transaction((tx) =>
      post(tx, {
        tenantId,
        idempotencyKey: `bench-ledger-meter-${n}`,
        kind: 'METER_CHARGE',
        actor: 'system',
        lines: [
          { accountId: accounts[n % accounts.length]!, amountMinor: -51 },
          { accountId: revenue.id, amountMinor: 51 },
        ],
      }),
    );
  }
  const seconds = (performance.now() - started) / 1000;
  return { postings, perSecond: Math.round(postings / seconds) };
}
