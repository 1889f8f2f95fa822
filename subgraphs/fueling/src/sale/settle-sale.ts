import { DEFAULT_ANOMALY_RULES, distanceKm, saleAnomalies, type SaleAnomaly } from '@hearth/platform/domain';
import type { Queryable } from '@hearth/platform/db';
import { postAs, systemAccount, WALLET_CURRENCY } from '@hearth/platform/ledger';
import { priceInEffect } from '../station/prices';
import { ungreyCards } from './grey-cards';
import type { PumpTransaction } from './pump-events.store';

/** Who settles sales on the books. */
export const CARD_HOST = 'service:card-host';

/** How far a pump's clock may be from the card host's when a sale is matched with its authorisation. */
const CLOCK_SLACK = `interval '2 minutes'`;

/**
 * Anomalies the sale's own record shows beside the rules': UNFUNDED when its card's account could
 * not pay all of it (an offline sale past its money: what it could pay is debited, the shortfall is
 * owed), CARD_UNKNOWN when the card is none of the company's (nobody pays for it).
 */
export type SettledAnomaly = SaleAnomaly | { code: 'UNFUNDED'; availableMinor: number; shortfallMinor: number } | { code: 'CARD_UNKNOWN' };

export interface SettledSale {
  /** False when this (pump, counter) was settled before: nothing happened now. */
  settled: boolean;
  saleId: string;
  anomalies: SettledAnomaly[];
}

/**
 * Settles one sale a pump reported, exactly once per (pump, counter) however often and in whatever
 * order it is uploaded (ADR 0017), in the caller's transaction: the sale row, its authorisation's
 * hold closed (older unused holds on that nozzle released), and the card's debit on the ledger, all
 * or nothing. A card whose sale was cut off mid-way (grey) comes off the greylist here, from
 * whichever station the record arrives. Sale-level anomalies are recorded with it; a totaliser gap
 * is the pump twin's to judge, as it sees every sale of the nozzle.
 */
export async function settleSale(tx: Queryable, sale: PumpTransaction): Promise<SettledSale | null> {
  const [pump] = await tx.query<{ stationId: string; latitude: number | null; longitude: number | null }>(
    `SELECT p.station_id::text AS "stationId", s.latitude, s.longitude
       FROM fueling.pump p JOIN fueling.station s ON s.tenant_id = p.tenant_id AND s.site_id = p.station_id
      WHERE p.tenant_id = $1 AND p.id = $2`,
    [sale.tenantId, sale.pumpId],
  );
  if (!pump) return null;
  const [card] = sale.cardNumber
    ? await tx.query<{ id: string; accountId: string }>(
        `SELECT id::text, account_id::text AS "accountId" FROM fueling.card WHERE tenant_id = $1 AND card_number = $2`,
        [sale.tenantId, sale.cardNumber],
      )
    : [];
  // The account first, as an authorisation locks it: a sale and an authorisation on one account never deadlock.
  if (card) await tx.query(`SELECT 1 FROM ledger.account WHERE tenant_id = $1 AND id = $2 FOR UPDATE`, [sale.tenantId, card.accountId]);
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO fueling.sale (id, tenant_id, pump_id, counter, station_id, nozzle, grade_code, card_number, card_id, account_id, volume_ml,
                               unit_price_minor, amount_minor, totalizer_start_ml, totalizer_end_ml, started_at, ended_at, received_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
     ON CONFLICT (tenant_id, pump_id, counter) DO NOTHING RETURNING id::text`,
    [
      sale.id,
      sale.tenantId,
      sale.pumpId,
      sale.counter,
      pump.stationId,
      sale.nozzle,
      sale.gradeCode,
      sale.cardNumber,
      card?.id ?? null,
      card?.accountId ?? null,
      sale.volumeMl,
      sale.unitPriceMinor,
      sale.amountMinor,
      sale.totalizerStartMl,
      sale.totalizerEndMl,
      sale.startedAt,
      sale.endedAt,
      sale.receivedAt,
    ],
  );
  if (!row) return { settled: false, saleId: sale.id, anomalies: [] };
  const holds = await closeHolds(tx, sale);
  const anomalies: SettledAnomaly[] = await checks(tx, sale, pump, card?.id ?? null);
  let journalId: string | null = null;
  if (sale.cardNumber && !card) anomalies.push({ code: 'CARD_UNKNOWN' });
  if (card && sale.amountMinor > 0) {
    const [funds] = await tx.query<{ available: number }>(
      `SELECT (balance_minor + coalesce(credit_limit_minor, 0))::float8 AS available FROM ledger.account WHERE tenant_id = $1 AND id = $2`,
      [sale.tenantId, card.accountId],
    );
    // The fuel is gone: the card pays what its account can, up to the whole sale; the rest is owed.
    const available = Math.max(0, funds?.available ?? 0);
    const paid = Math.min(sale.amountMinor, available);
    if (paid > 0) journalId = await debit(tx, sale, card.accountId, paid);
    if (paid < sale.amountMinor) anomalies.push({ code: 'UNFUNDED', availableMinor: available, shortfallMinor: sale.amountMinor - paid });
  }
  await tx.query(`UPDATE fueling.sale SET journal_id = $2, anomalies = $3, authorization_id = $4 WHERE id = $1`, [
    sale.id,
    journalId,
    JSON.stringify(anomalies),
    holds.usedId,
  ]);
  await ungreyCards(
    tx,
    holds.greyCards.map((cardNumber) => ({ tenantId: sale.tenantId, cardNumber })),
    'SALE_SETTLED',
  );
  return { settled: true, saleId: sale.id, anomalies };
}

/**
 * Closes the hold of the authorisation this sale used (the newest of its card on that nozzle asked
 * before it started) and releases older open holds on the nozzle (never used: a nozzle sells one
 * sale at a time). Returns the authorisation used, and the card numbers of grey holds closed.
 */
async function closeHolds(tx: Queryable, sale: PumpTransaction): Promise<{ usedId: string | null; greyCards: string[] }> {
  const closed = await tx.query<{ id: string; used: boolean; cardNumber: string; grey: boolean }>(
    `WITH used AS (
       SELECT id FROM fueling.authorization
        WHERE tenant_id = $1 AND pump_id = $2 AND nozzle = $3 AND hold_open AND card_number = $4 AND requested_at <= $5::timestamptz + ${CLOCK_SLACK}
        ORDER BY requested_at DESC LIMIT 1)
     UPDATE fueling.authorization a SET hold_open = false, closed_at = clock_timestamp(), sale_id = CASE WHEN a.id IN (SELECT id FROM used) THEN $6::uuid END
      WHERE a.tenant_id = $1 AND a.pump_id = $2 AND a.nozzle = $3 AND a.hold_open
        AND (a.id IN (SELECT id FROM used) OR a.requested_at < $5::timestamptz - ${CLOCK_SLACK})
      RETURNING a.id::text, a.sale_id IS NOT NULL AS used, a.card_number AS "cardNumber", a.grey_listed_at IS NOT NULL AS grey`,
    [sale.tenantId, sale.pumpId, sale.nozzle, sale.cardNumber ?? '', sale.startedAt, sale.id],
  );
  return { usedId: closed.find((c) => c.used)?.id ?? null, greyCards: [...new Set(closed.filter((c) => c.grey).map((c) => c.cardNumber))] };
}

async function debit(tx: Queryable, sale: PumpTransaction, accountId: string, amountMinor: number): Promise<string> {
  const revenue = await systemAccount(tx, sale.tenantId, 'REVENUE', WALLET_CURRENCY, 'FUEL_SALES');
  const posting = await postAs(tx, CARD_HOST, {
    tenantId: sale.tenantId,
    idempotencyKey: `sale:${sale.pumpId}:${sale.counter}`,
    kind: 'FUEL_SALE',
    description: `Fuel ${sale.gradeCode}, ${(sale.volumeMl / 1000).toFixed(2)} L at pump ${sale.pumpId}`,
    actor: CARD_HOST,
    lines: [
      { accountId, amountMinor: -amountMinor },
      { accountId: revenue.id, amountMinor },
    ],
    metadata: { pumpId: sale.pumpId, counter: sale.counter, saleId: sale.id },
  });
  return posting.journalId;
}

/** The sale-level anomaly rules, with the price in effect when it started and the card's recent sales elsewhere. */
async function checks(
  tx: Queryable,
  sale: PumpTransaction,
  pump: { stationId: string; latitude: number | null; longitude: number | null },
  cardId: string | null,
): Promise<SaleAnomaly[]> {
  const effectiveUnitPriceMinor = await priceInEffect(tx, sale.tenantId, pump.stationId, sale.gradeCode, sale.startedAt);
  const recent = cardId
    ? await tx.query<{ stationId: string; endedAt: Date; latitude: number | null; longitude: number | null }>(
        `SELECT s.station_id::text AS "stationId", s.ended_at AS "endedAt", st.latitude, st.longitude
           FROM fueling.sale s JOIN fueling.station st ON st.tenant_id = s.tenant_id AND st.site_id = s.station_id
          WHERE s.tenant_id = $1 AND s.card_id = $2 AND s.id <> $3 AND s.ended_at BETWEEN $4::timestamptz - interval '6 hours' AND $4::timestamptz
          ORDER BY s.ended_at DESC LIMIT 50`,
        [sale.tenantId, cardId, sale.id, sale.endedAt],
      )
    : [];
  const here = pump.latitude !== null && pump.longitude !== null ? { lat: pump.latitude, lon: pump.longitude } : null;
  return saleAnomalies(
    { ...sale, cardId, stationId: pump.stationId },
    {
      previousOnNozzle: null,
      effectiveUnitPriceMinor,
      recentOfCard: recent.map((r) => ({
        stationId: r.stationId,
        endedAt: r.endedAt,
        distanceKm: here && r.latitude !== null && r.longitude !== null ? distanceKm(here, { lat: r.latitude, lon: r.longitude }) : null,
      })),
      rules: DEFAULT_ANOMALY_RULES,
    },
  );
}
