import { randomUUID } from 'node:crypto';
import type { Database } from '@hearth/platform/db';
import { openAccount, post, systemAccount, WALLET_CURRENCY } from '@hearth/platform/ledger';
import { check, round } from './stats';

export interface FuelBenchSeed {
  stations: { siteId: string; gatewayId: string; secret: string; pumps: string[] }[];
  pumps: number;
  /** Every card's wallet, in card order. */
  accounts: string[];
}

/** The card number of the bench's card `i` (16 digits). */
export const benchCardNumber = (i: number): string => `77${String(i).padStart(14, '0')}`;

/** Enough for every sale the bench gives a card: ¥100,000. */
const CARD_MONEY = 10_000_000;

/**
 * A fuel company in SQL and through the ledger: stations on sites of their own with pumps of one
 * 92# nozzle, a company-wide price in effect, and anonymous cards each with a wallet paid into once
 * (a posting per card, so the books hold). Gateways are the caller's to provision.
 */
export async function seedFuelTenant(db: Database, tenantId: string, o: { stations: number; pumpsPerStation: number; cards: number }): Promise<FuelBenchSeed> {
  const stations: FuelBenchSeed['stations'] = [];
  await db.query(`INSERT INTO fueling.grade (tenant_id, code, name, product) VALUES ($1, '92#', '92# gasoline', 'GASOLINE') ON CONFLICT DO NOTHING`, [
    tenantId,
  ]);
  await db.query(
    `INSERT INTO fueling.price (tenant_id, grade_code, unit_price_minor, effective_at, created_by) VALUES ($1, '92#', 745, now() - interval '1 day', 'bench')`,
    [tenantId],
  );
  for (let k = 0; k < o.stations; k++) {
    const [site] = await db.query<{ id: string }>(`INSERT INTO tanks.site (tenant_id, code, name) VALUES ($1, $2, $3) RETURNING id::text`, [
      tenantId,
      `FUEL-${k}`,
      `Bench station ${k}`,
    ]);
    // Stations spread over a city (a degree of latitude apart at most), so travel checks have distances.
    await db.query(`INSERT INTO fueling.station (tenant_id, site_id, latitude, longitude) VALUES ($1, $2, $3, 113.3)`, [
      tenantId,
      site!.id,
      23 + k / o.stations,
    ]);
    const pumps = Array.from({ length: o.pumpsPerStation }, (_, p) => `bench-pump-${k}-${p}`);
    await db.query(`INSERT INTO fueling.pump (tenant_id, id, station_id, dispenser, name) SELECT $1, id, $2, '1', id FROM unnest($3::text[]) AS id`, [
      tenantId,
      site!.id,
      pumps,
    ]);
    await db.query(`INSERT INTO fueling.nozzle (tenant_id, pump_id, number, grade_code) SELECT $1, id, 1, '92#' FROM unnest($2::text[]) AS id`, [
      tenantId,
      pumps,
    ]);
    stations.push({ siteId: site!.id, gatewayId: `bench-fcc-${k}`, secret: '', pumps });
  }
  const accounts: string[] = [];
  for (let i = 0; i < o.cards; i += 200) {
    await db.transaction(async (tx) => {
      const clearing = await systemAccount(tx, tenantId, 'CLEARING', WALLET_CURRENCY, 'BANK_TRANSFER');
      for (let c = i; c < Math.min(o.cards, i + 200); c++) {
        const cardId = randomUUID();
        const wallet = await openAccount(tx, {
          tenantId,
          type: 'CUSTOMER_WALLET',
          currency: WALLET_CURRENCY,
          name: `Card ${c}`,
          ownerRef: `fuel-card:${cardId}`,
        });
        await tx.query(
          `INSERT INTO fueling.card (id, lineage_id, tenant_id, card_number, kind, funding, account_id) VALUES ($1, $1, $2, $3, 'ANONYMOUS', 'STORED_VALUE', $4)`,
          [cardId, tenantId, benchCardNumber(c), wallet.id],
        );
        await post(tx, {
          tenantId,
          idempotencyKey: `bench-card-${c}`,
          kind: 'TOP_UP',
          actor: 'system',
          lines: [
            { accountId: wallet.id, amountMinor: CARD_MONEY },
            { accountId: clearing.id, amountMinor: -CARD_MONEY },
          ],
        });
        accounts.push(wallet.id);
      }
    });
  }
  return { stations, pumps: o.stations * o.pumpsPerStation, accounts };
}

/**
 * The ceiling of settlement: the same debits (a card's wallet to the fuel revenue account) posted by
 * the ledger alone, one transaction each, one after another, as the intake settles: postings/s.
 */
export async function measureLedgerPostings(
  db: Database,
  tenantId: string,
  seed: FuelBenchSeed,
  postings: number,
): Promise<{ postings: number; perSecond: number }> {
  const revenue = await db.transaction((tx) => systemAccount(tx, tenantId, 'REVENUE', WALLET_CURRENCY, 'FUEL_SALES'));
  const started = performance.now();
  for (let n = 0; n < postings; n++) {
    await db.transaction((tx) =>
      post(tx, {
        tenantId,
        idempotencyKey: `bench-ledger-${n}`,
        kind: 'FUEL_SALE',
        actor: 'system',
        lines: [
          { accountId: seed.accounts[n % seed.accounts.length]!, amountMinor: -100 },
          { accountId: revenue.id, amountMinor: 100 },
        ],
      }),
    );
  }
  const seconds = (performance.now() - started) / 1000;
  check(postings > 0, 'no postings timed');
  return { postings, perSecond: round(postings / seconds) };
}
