import { periodStart, type CardLimitUse, type LimitPeriod } from '@hearth/platform/domain';
import type { Queryable } from '@hearth/platform/db';

/**
 * The company's calendar for card limits (a day starts at midnight in Beijing). One zone per
 * deployment for now; a company in another zone would need its own setting.
 */
export const CARD_TIME_ZONE = 'Asia/Shanghai';

/** What a card's account can pay now. */
export interface CardFundsRow {
  accountId: string;
  balanceMinor: number;
  creditLimitMinor: number;
  heldMinor: number;
  availableMinor: number;
}

/**
 * Balance, credit and open holds of accounts, read together: what each can still pay is its balance
 * plus its credit less what authorisations hold until their sales settle (a sale cut off mid-way
 * holds its amount until its record arrives).
 */
export async function accountFunds(q: Queryable, tenantId: string, accountIds: readonly string[]): Promise<Map<string, CardFundsRow>> {
  const rows = await q.query<CardFundsRow>(
    `SELECT a.id::text AS "accountId", a.balance_minor::float8 AS "balanceMinor", coalesce(a.credit_limit_minor, 0)::float8 AS "creditLimitMinor",
            coalesce(h.held, 0)::float8 AS "heldMinor",
            (a.balance_minor + coalesce(a.credit_limit_minor, 0) - coalesce(h.held, 0))::float8 AS "availableMinor"
       FROM ledger.account a
       LEFT JOIN LATERAL (SELECT sum(limit_minor) AS held FROM fueling.authorization z WHERE z.account_id = a.id AND z.hold_open) h ON true
      WHERE a.tenant_id = $1 AND a.id = ANY($2::uuid[])`,
    [tenantId, accountIds],
  );
  return new Map(rows.map((r) => [r.accountId, r]));
}

/** A card as its limits need it: its own id and its master's. */
export interface LimitedCard {
  id: string;
  masterCardId: string | null;
}

/**
 * Every limit binding each card (its own and its master card's), with what the period has used:
 * settled sales since the period began plus open holds, of the card and every card it replaced
 * (its lineage: a reissue does not reset a limit). A master's limit counts the sales of all its
 * cards, under any master of its lineage. Returns per card id the limits in the domain rules' shape.
 */
export async function cardLimitUses(q: Queryable, tenantId: string, cards: readonly LimitedCard[], at: Date): Promise<Map<string, CardLimitUse[]>> {
  const owners = [...new Set(cards.flatMap((c) => (c.masterCardId ? [c.id, c.masterCardId] : [c.id])))];
  const limits = await q.query<{ cardId: string; period: LimitPeriod; maxAmountMinor: number | null; maxVolumeMl: number | null }>(
    `SELECT card_id::text AS "cardId", period, max_amount_minor::float8 AS "maxAmountMinor", max_volume_ml::float8 AS "maxVolumeMl"
       FROM fueling.card_limit WHERE tenant_id = $1 AND card_id = ANY($2::uuid[])`,
    [tenantId, owners],
  );
  const byCard = new Map<string, CardLimitUse[]>(cards.map((c) => [c.id, []]));
  if (limits.length === 0) return byCard;
  // One read per limit: usage since its period's start by its owner (a master counts its sub-cards).
  const used = await q.query<{ i: number; amount: number; volume: number }>(
    `SELECT l.i::int AS i, coalesce(s.amount, 0)::float8 + coalesce(h.amount, 0)::float8 AS amount, coalesce(s.volume, 0)::float8 + coalesce(h.volume, 0)::float8 AS volume
       FROM unnest($2::uuid[], $3::timestamptz[]) WITH ORDINALITY AS l(owner, since, i)
       CROSS JOIN LATERAL (
         -- The owner's lineage, and every card of it or under a master of it (and those cards' lineages).
         SELECT array_agg(c.id) AS ids FROM fueling.card c
          WHERE c.tenant_id = $1 AND c.lineage_id IN (
            SELECT o.lineage_id FROM fueling.card o WHERE o.id = l.owner
            UNION SELECT s.lineage_id FROM fueling.card s JOIN fueling.card m ON m.id = s.master_card_id
              WHERE s.tenant_id = $1 AND m.lineage_id = (SELECT lineage_id FROM fueling.card WHERE id = l.owner))) cards
       LEFT JOIN LATERAL (
         SELECT sum(amount_minor) AS amount, sum(volume_ml) AS volume FROM fueling.sale
          WHERE tenant_id = $1 AND card_id = ANY(cards.ids) AND ended_at >= l.since) s ON true
       LEFT JOIN LATERAL (
         SELECT sum(limit_minor) AS amount, sum(held_volume_ml) AS volume FROM fueling.authorization
          WHERE tenant_id = $1 AND hold_open AND card_id = ANY(cards.ids)) h ON true`,
    [tenantId, limits.map((l) => l.cardId), limits.map((l) => periodStart(l.period, at, CARD_TIME_ZONE) ?? new Date(0))],
  );
  const usedAt = new Map(used.map((u) => [u.i, u]));
  limits.forEach((limit, index) => {
    const use = usedAt.get(index + 1);
    const entry: CardLimitUse = {
      period: limit.period,
      maxAmountMinor: limit.maxAmountMinor,
      maxVolumeMl: limit.maxVolumeMl,
      usedAmountMinor: use?.amount ?? 0,
      usedVolumeMl: use?.volume ?? 0,
      scope: 'CARD',
    };
    for (const card of cards) {
      if (card.id === limit.cardId) byCard.get(card.id)!.push(entry);
      else if (card.masterCardId === limit.cardId) byCard.get(card.id)!.push({ ...entry, scope: 'MASTER' });
    }
  });
  return byCard;
}
