import { decideCardAuthorization, DEFAULT_MINIMUM_AUTHORIZATION_MINOR, type CardDecision, type CardFacts, type CardStatus } from '@hearth/platform/domain';
import type { Queryable } from '@hearth/platform/db';
import { accountFunds, CARD_TIME_ZONE, cardLimitUses } from '../card/card-usage';
import { priceInEffect } from '../station/prices';
import type { PumpAuthRequest } from './pump-events.store';

/**
 * Refusals of the card host that are not the card's: the pump is not one of the company's, or the
 * request waited past the time its pump waits for an answer (nothing is held for it).
 */
export type HostRefusal = 'PUMP_UNKNOWN' | 'NOZZLE_UNKNOWN' | 'REQUEST_EXPIRED';

export interface AuthorizationRules {
  /** Below this an authorisation is refused (fen): a pump cannot sell less. */
  minimumMinor: number;
  /**
   * A fill-up without a preset is authorised up to this (fen), as card hosts cap an open
   * authorisation: otherwise it would hold a company account's whole credit, and every other
   * driver of the company would be refused until the sale settles.
   */
  maxFillMinor: number;
  /**
   * How long after the twins service received it a request is still decided (ms). The pump kind
   * sends no answer later than 60 s after the request; a request older than this is refused and
   * nothing is held for it (a decision nobody receives would hold money and grey the card).
   */
  answerWithinMs: number;
}

export const DEFAULT_AUTHORIZATION_RULES: AuthorizationRules = {
  minimumMinor: DEFAULT_MINIMUM_AUTHORIZATION_MINOR,
  maxFillMinor: 300_000,
  answerWithinMs: 45_000,
};

interface CardRow {
  id: string;
  status: CardStatus;
  masterStatus: CardStatus | null;
  expiresOn: string | null;
  allowedGrades: string[] | null;
  allowedStations: string[] | null;
  plate: string | null;
  accountId: string;
  masterCardId: string | null;
  holderBlacklisted: boolean;
}

/**
 * Decides one AUTH_REQUEST as the card host (ADR 0017), in the caller's transaction, and records
 * the decision under the request's id; an authorised amount is held until its sale settles. The
 * card's account row is locked first, so concurrent requests against one account (a company's
 * sub-cards at many pumps) are decided one after another, each seeing the holds before it: together
 * they never authorise more than the account can pay.
 */
export async function authorizeRequest(
  tx: Queryable,
  request: PumpAuthRequest,
  rules: AuthorizationRules,
): Promise<CardDecision | { action: 'REFUSE'; reason: HostRefusal; limitMinor: 0 }> {
  const [pump] = await tx.query<{ stationId: string; gradeCode: string | null }>(
    `SELECT p.station_id::text AS "stationId", n.grade_code AS "gradeCode"
       FROM fueling.pump p LEFT JOIN fueling.nozzle n ON n.tenant_id = p.tenant_id AND n.pump_id = p.id AND n.number = $3
      WHERE p.tenant_id = $1 AND p.id = $2`,
    [request.tenantId, request.pumpId, request.nozzle],
  );
  const card = await cardOf(tx, request.tenantId, request.cardNumber);
  const at = new Date();
  const unitPriceMinor = pump?.gradeCode ? await priceInEffect(tx, request.tenantId, pump.stationId, pump.gradeCode, at) : null;
  const decision =
    at.getTime() - request.receivedAt.getTime() > rules.answerWithinMs
      ? ({ action: 'REFUSE', reason: 'REQUEST_EXPIRED', limitMinor: 0 } as const)
      : !pump
        ? ({ action: 'REFUSE', reason: 'PUMP_UNKNOWN', limitMinor: 0 } as const)
        : !pump.gradeCode
          ? ({ action: 'REFUSE', reason: 'NOZZLE_UNKNOWN', limitMinor: 0 } as const)
          : decideCardAuthorization(
              card ? await factsOf(tx, request.tenantId, card, at) : null,
              {
                gradeCode: pump.gradeCode,
                stationId: pump.stationId,
                plate: request.plate,
                presetMinor: request.presetMinor ?? rules.maxFillMinor,
                unitPriceMinor,
                at,
                timeZone: CARD_TIME_ZONE,
              },
              { minimumMinor: rules.minimumMinor },
            );
  // The fuel the held money buys, counted against the card's volume limits until the sale settles.
  const heldVolumeMl = decision.action === 'AUTHORIZE' && unitPriceMinor ? Math.floor((decision.limitMinor * 1000) / unitPriceMinor) : 0;
  await tx.query(
    `INSERT INTO fueling.authorization (id, tenant_id, pump_id, station_id, nozzle, card_number, card_id, account_id, grade_code,
                                        decision, limit_minor, held_volume_ml, reason, requested_at, hold_open)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $10 = 'AUTHORIZE')
     ON CONFLICT (id) DO NOTHING`,
    [
      request.id,
      request.tenantId,
      request.pumpId,
      pump?.stationId ?? null,
      request.nozzle,
      request.cardNumber,
      card?.id ?? null,
      card?.accountId ?? null,
      pump?.gradeCode ?? null,
      decision.action,
      decision.limitMinor,
      heldVolumeMl,
      decision.action === 'REFUSE' ? decision.reason : null,
      request.requestedAt,
    ],
  );
  return decision;
}

/** The card's facts with its account locked: what it may buy, what its limits have used, what it can pay. */
async function factsOf(tx: Queryable, tenantId: string, card: CardRow, at: Date): Promise<CardFacts> {
  await tx.query(`SELECT 1 FROM ledger.account WHERE tenant_id = $1 AND id = $2 FOR UPDATE`, [tenantId, card.accountId]);
  const [funds, limits] = [await accountFunds(tx, tenantId, [card.accountId]), await cardLimitUses(tx, tenantId, [card], at)];
  // A master card that may not buy stops its sub-cards the same way.
  const status = card.status === 'ACTIVE' && card.masterStatus && card.masterStatus !== 'ACTIVE' ? card.masterStatus : card.status;
  return {
    status,
    blacklisted: card.holderBlacklisted,
    expiresOn: card.expiresOn,
    allowedGrades: card.allowedGrades,
    allowedStations: card.allowedStations,
    plate: card.plate,
    limits: limits.get(card.id) ?? [],
    availableMinor: funds.get(card.accountId)?.availableMinor ?? 0,
  };
}

async function cardOf(tx: Queryable, tenantId: string, cardNumber: string): Promise<CardRow | null> {
  const [row] = await tx.query<CardRow>(
    `SELECT c.id::text, c.status, m.status AS "masterStatus", to_char(c.expires_on, 'YYYY-MM-DD') AS "expiresOn", c.allowed_grades AS "allowedGrades",
            c.allowed_stations::text[] AS "allowedStations", c.plate, c.account_id::text AS "accountId", c.master_card_id::text AS "masterCardId",
            coalesce(cu.blacklisted_at IS NOT NULL, false) AS "holderBlacklisted"
       FROM fueling.card c
       LEFT JOIN fueling.card m ON m.id = c.master_card_id
       LEFT JOIN customers.customer cu ON cu.tenant_id = c.tenant_id AND cu.id = c.customer_id
      WHERE c.tenant_id = $1 AND c.card_number = $2`,
    [tenantId, cardNumber],
  );
  return row ?? null;
}
