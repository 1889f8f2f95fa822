import { badInput, notFound } from '@hearth/platform';
import { isUuid, type Queryable } from '@hearth/platform/db';
import type { FuelCardListChange, FuelCardListConfirmation } from './card.types';

/** One change of a company's card lists (ADR 0017): a card put on or taken off the blacklist or greylist. */
export interface CardListEntry {
  list: 'BLACK' | 'GREY';
  cardNumber: string;
  op: 'ADD' | 'REMOVE';
  reason: string;
}

/**
 * Appends changes to the company's card lists under the next version numbers, in the caller's
 * transaction. The head row is locked for the rest of the transaction, so versions have no gaps
 * and commit in order: a station controller that read up to version n never misses a change
 * numbered below n that commits later. Returns the new head.
 */
export async function appendCardListChanges(tx: Queryable, tenantId: string, entries: readonly CardListEntry[]): Promise<number> {
  const [head] = await tx.query<{ version: string }>(
    `INSERT INTO fueling.card_list_head (tenant_id, version) VALUES ($1, $2)
     ON CONFLICT (tenant_id) DO UPDATE SET version = fueling.card_list_head.version + $2
     RETURNING version::text`,
    [tenantId, entries.length],
  );
  const last = Number(head!.version);
  if (entries.length === 0) return last;
  const first = last - entries.length + 1;
  await tx.query(
    `INSERT INTO fueling.card_list_change (tenant_id, version, list, card_number, op, reason)
     SELECT $1, $2::bigint + n - 1, list, card_number, op, reason
       FROM unnest($3::text[], $4::text[], $5::text[], $6::text[]) WITH ORDINALITY AS e(list, card_number, op, reason, n)`,
    [tenantId, first, entries.map((e) => e.list), entries.map((e) => e.cardNumber), entries.map((e) => e.op), entries.map((e) => e.reason)],
  );
  return last;
}

/** Up to `first` changes after `afterVersion`, in order, and the newest version. */
export async function cardListChangesAfter(
  db: Queryable,
  tenantId: string,
  afterVersion: number,
  first: number,
): Promise<{ changes: FuelCardListChange[]; headVersion: number }> {
  const [changes, head] = await Promise.all([
    db.query<FuelCardListChange>(
      `SELECT version::int, list, card_number AS "cardNumber", op, reason, at FROM fueling.card_list_change
        WHERE tenant_id = $1 AND version > $2 ORDER BY version LIMIT $3`,
      [tenantId, afterVersion, first],
    ),
    db.query<{ version: number }>(`SELECT version::int FROM fueling.card_list_head WHERE tenant_id = $1`, [tenantId]),
  ]);
  return { changes, headVersion: head[0]?.version ?? 0 };
}

/**
 * A station controller says which list version it holds (it applied every change up to it): the
 * station shows it, and a station that has not confirmed within its offline window stops taking
 * cards offline. A version never goes back (a late, older confirmation changes nothing); one past
 * the newest is refused.
 */
export async function confirmCardList(tx: Queryable, tenantId: string, stationId: string, version: number): Promise<FuelCardListConfirmation> {
  // Whose station first: another company's is NOT_FOUND whatever version is sent.
  const [station] = isUuid(stationId)
    ? await tx.query(`SELECT 1 FROM fueling.station WHERE tenant_id = $1 AND site_id = $2 FOR UPDATE`, [tenantId, stationId])
    : [];
  if (!station) throw notFound('FuelStation', stationId);
  const [head] = await tx.query<{ version: number }>(`SELECT version::int FROM fueling.card_list_head WHERE tenant_id = $1`, [tenantId]);
  const headVersion = head?.version ?? 0;
  if (!Number.isSafeInteger(version) || version < 0 || version > headVersion)
    throw badInput([{ field: 'version', message: `a version from 0 to the newest, ${headVersion}` }]);
  const [row] = await tx.query<{ version: number; confirmedAt: Date }>(
    // The window restarts only with progress (a newer version) or a station wholly up to date: one
    // stuck behind, confirming the same old version, must not keep its offline card sales open.
    `UPDATE fueling.station SET card_list_version = greatest(card_list_version, $3),
            card_list_confirmed_at = CASE WHEN $3 > card_list_version OR $3 = $4 THEN now() ELSE card_list_confirmed_at END
      WHERE tenant_id = $1 AND site_id = $2 RETURNING card_list_version::int AS version, card_list_confirmed_at AS "confirmedAt"`,
    [tenantId, stationId, version, headVersion],
  );
  return { stationId, version: row!.version, confirmedAt: row!.confirmedAt, headVersion };
}
