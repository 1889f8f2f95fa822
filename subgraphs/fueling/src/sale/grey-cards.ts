import type { Database, Queryable } from '@hearth/platform/db';
import { appendCardListChanges } from '../card/card-lists';

/**
 * Grey cards (灰卡): a sale cut off mid-way (a power cut) leaves its authorisation's hold open with
 * no record. Past `greyAfterMs` its card goes on the greylist, so offline stations refuse it until
 * the record arrives (the money stays held: online, the card buys with what is left). The record
 * settles it from whichever station it arrives, and the card comes off at once (`settleSale`),
 * minutes after the pump is back, not the two days customers complain of. A hold no record claims
 * within `expireAfterMs` is released.
 */
export interface GreyCardSettings {
  greyAfterMs: number;
  expireAfterMs: number;
}

export const DEFAULT_GREY_CARDS: GreyCardSettings = { greyAfterMs: 10 * 60_000, expireAfterMs: 48 * 3_600_000 };

/** One run: holds past their time greyed or released, the lists changed once per card. Returns the cards greyed. */
export async function reviewOpenHolds(db: Database, settings: GreyCardSettings): Promise<number> {
  return db.transaction(async (tx) => {
    const expired = await tx.query<{ tenantId: string; cardNumber: string; grey: boolean }>(
      `UPDATE fueling.authorization SET hold_open = false, closed_at = clock_timestamp()
        WHERE hold_open AND decided_at < now() - $1 * interval '1 millisecond'
        RETURNING tenant_id::text AS "tenantId", card_number AS "cardNumber", grey_listed_at IS NOT NULL AS grey`,
      [settings.expireAfterMs],
    );
    await ungreyCards(
      tx,
      expired.filter((e) => e.grey),
      'HOLD_EXPIRED',
    );
    const greyed = await tx.query<{ tenantId: string; cardNumber: string; already: boolean }>(
      `UPDATE fueling.authorization a SET grey_listed_at = clock_timestamp()
        WHERE a.hold_open AND a.grey_listed_at IS NULL AND a.decided_at < now() - $1 * interval '1 millisecond'
        RETURNING a.tenant_id::text AS "tenantId", a.card_number AS "cardNumber",
                  EXISTS (SELECT 1 FROM fueling.authorization o WHERE o.tenant_id = a.tenant_id AND o.card_number = a.card_number
                            AND o.hold_open AND o.grey_listed_at IS NOT NULL AND o.id <> a.id) AS already`,
      [settings.greyAfterMs],
    );
    const fresh = uniqueCards(greyed.filter((g) => !g.already));
    for (const [tenantId, cards] of fresh)
      await appendCardListChanges(
        tx,
        tenantId,
        cards.map((cardNumber) => ({ list: 'GREY', cardNumber, op: 'ADD', reason: 'SALE_NOT_SETTLED' })),
      );
    return [...fresh.values()].reduce((n, cards) => n + cards.length, 0);
  });
}

/** Takes cards off the greylist once no grey hold of theirs is open any more. */
export async function ungreyCards(tx: Queryable, cards: readonly { tenantId: string; cardNumber: string }[], reason: string): Promise<void> {
  for (const [tenantId, numbers] of uniqueCards(cards)) {
    const still = await tx.query<{ cardNumber: string }>(
      `SELECT DISTINCT card_number AS "cardNumber" FROM fueling.authorization
        WHERE tenant_id = $1 AND card_number = ANY($2::text[]) AND hold_open AND grey_listed_at IS NOT NULL`,
      [tenantId, numbers],
    );
    const grey = new Set(still.map((s) => s.cardNumber));
    const cleared = numbers.filter((n) => !grey.has(n));
    if (cleared.length > 0)
      await appendCardListChanges(
        tx,
        tenantId,
        cleared.map((cardNumber) => ({ list: 'GREY', cardNumber, op: 'REMOVE', reason })),
      );
  }
}

function uniqueCards(cards: readonly { tenantId: string; cardNumber: string }[]): Map<string, string[]> {
  const byTenant = new Map<string, Set<string>>();
  for (const c of cards) byTenant.set(c.tenantId, (byTenant.get(c.tenantId) ?? new Set()).add(c.cardNumber));
  return new Map([...byTenant].map(([t, s]) => [t, [...s]]));
}
