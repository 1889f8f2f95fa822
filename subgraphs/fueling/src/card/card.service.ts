import { randomUUID } from 'node:crypto';
import { badInput, HearthError, notFound, type CallerContext } from '@hearth/platform';
import { auditChange } from '@hearth/platform/audit';
import { isUniqueViolation, isUuid, queryableOf, timeKeyedPage, type Database, type Queryable } from '@hearth/platform/db';
import type { Connection } from '@hearth/platform/graphql';
import { validateInput } from '@hearth/platform/graphql';
import { assertServable, lockDepositHolder, openAccount, WALLET_CURRENCY } from '@hearth/platform/ledger';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { appendCardListChanges } from './card-lists';
import { FuelCardStatus } from './card.enums';
import { cardNumberSchema, issueSchema, rulesSchema, type FuelCardFilter, type FuelCardRules, type IssueFuelCardInput } from './card.input';
import { CARD_COLUMNS, type FuelCard } from './card.types';

/** Every status but ACTIVE puts a card on the blacklist (ADR 0017). */
const BLACKLISTING: ReadonlySet<string> = new Set([FuelCardStatus.LOST, FuelCardStatus.BLOCKED, FuelCardStatus.REPLACED, FuelCardStatus.CANCELLED]);

/** Fuel cards: issue, rules and limits, loss and reissue; every change audited, every refusal listed for offline stations. */
export class CardService {
  constructor(
    readonly db: Database,
    private readonly data: DataSource,
  ) {}

  async byIds(tenantId: string, ids: readonly string[]): Promise<Map<string, FuelCard>> {
    const wanted = ids.filter(isUuid);
    const rows = wanted.length
      ? await this.db.query<FuelCard>(`SELECT ${CARD_COLUMNS} FROM fueling.card WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, [tenantId, wanted])
      : [];
    return new Map(rows.map((c) => [c.id, c]));
  }

  async byNumber(tenantId: string, cardNumber: string): Promise<FuelCard | null> {
    const [row] = await this.db.query<FuelCard>(`SELECT ${CARD_COLUMNS} FROM fueling.card WHERE tenant_id = $1 AND card_number = $2`, [tenantId, cardNumber]);
    return row ?? null;
  }

  /** Newest issued first. */
  search(tenantId: string, filter: FuelCardFilter, first: number, after?: string | null): Promise<Connection<FuelCard>> {
    const f = validateInput(filterSchema, filter);
    return timeKeyedPage<FuelCard>(
      this.db,
      {
        select: CARD_COLUMNS,
        from: 'fueling.card',
        where: `tenant_id = $1 AND ($2::uuid IS NULL OR customer_id = $2) AND ($3::text IS NULL OR status = $3)
                AND ($4::text IS NULL OR card_number LIKE $4 || '%') AND ($5::uuid IS NULL OR master_card_id = $5)`,
        params: [tenantId, f.customerId ?? null, f.status ?? null, f.cardNumberPrefix ?? null, f.masterCardId ?? null],
        time: 'issued_at',
        id: 'id',
      },
      first,
      after,
    );
  }

  /** Issues a card: a named or master card pays from its holder's wallet, a sub-card from its master's, an anonymous card from a wallet of its own. */
  issue(by: CallerContext, input: IssueFuelCardInput): Promise<FuelCard> {
    const v = validateInput(issueSchema, input);
    return this.data.transaction(async (em) => {
      const tx = queryableOf(em);
      const id = randomUUID();
      const owner = await this.ownerOf(tx, by.tenantId, id, v);
      const [card] = await tx
        .query<FuelCard>(
          `INSERT INTO fueling.card (id, lineage_id, tenant_id, card_number, kind, funding, customer_id, account_id, master_card_id, expires_on, allowed_grades, allowed_stations, plate)
           VALUES ($12, $12, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING ${CARD_COLUMNS}`,
          [
            by.tenantId,
            v.cardNumber,
            v.kind,
            owner.funding,
            owner.customerId,
            owner.accountId,
            v.masterCardId ?? null,
            v.expiresOn ?? null,
            v.allowedGrades ?? null,
            v.allowedStationIds ?? null,
            v.plate ?? null,
            id,
          ],
        )
        .catch((err: unknown) => {
          if (isUniqueViolation(err)) throw new HearthError('CONFLICT', `Card ${v.cardNumber} is issued already.`, { field: 'cardNumber' });
          throw err;
        });
      await writeLimits(tx, by.tenantId, card!.id, v.limits ?? []);
      await auditChange(em, by, 'fueling', 'fuel-card.issued', `fuel-card:${card!.id}`, {
        cardNumber: v.cardNumber,
        kind: v.kind,
        customerId: owner.customerId,
      });
      return card!;
    });
  }

  /** Changes what a card may buy (limits, grades, stations, plate, expiry). */
  setRules(by: CallerContext, cardId: string, input: FuelCardRules): Promise<FuelCard> {
    const v = validateInput(rulesSchema, input);
    return this.data.transaction(async (em) => {
      const tx = queryableOf(em);
      const before = await lockCard(tx, by.tenantId, cardId);
      const [card] = await tx.query<FuelCard>(
        `UPDATE fueling.card SET expires_on = $3, allowed_grades = $4, allowed_stations = $5, plate = $6 WHERE tenant_id = $1 AND id = $2 RETURNING ${CARD_COLUMNS}`,
        [by.tenantId, cardId, v.expiresOn ?? null, v.allowedGrades ?? null, v.allowedStationIds ?? null, v.plate ?? null],
      );
      await writeLimits(tx, by.tenantId, cardId, v.limits ?? []);
      await auditChange(em, by, 'fueling', 'fuel-card.rules-changed', `fuel-card:${cardId}`, { before: rulesOf(before), after: v });
      return card!;
    });
  }

  /** Marks a card lost (or blocked, cancelled): refused online from this commit, offline from the station's next list increment. */
  setStatus(by: CallerContext, cardId: string, status: FuelCardStatus.LOST | FuelCardStatus.BLOCKED | FuelCardStatus.CANCELLED): Promise<FuelCard> {
    return this.data.transaction(async (em) => {
      const tx = queryableOf(em);
      const before = await lockCard(tx, by.tenantId, cardId);
      if (before.status === status) return before;
      // Reported lost, a card stays refused until it is reissued: a block could otherwise be lifted on it.
      if (before.status === FuelCardStatus.LOST && status === FuelCardStatus.BLOCKED)
        throw new HearthError('CONFLICT', `Card ${before.cardNumber} is reported lost: reissue it; it cannot be blocked and unblocked.`, { cardId });
      if (before.status === FuelCardStatus.REPLACED || before.status === FuelCardStatus.CANCELLED)
        throw new HearthError('CONFLICT', `Card ${before.cardNumber} is ${before.status.toLowerCase()}: nothing more can happen to it.`, { cardId });
      const card = await changeStatus(tx, by.tenantId, cardId, status, null);
      if (!BLACKLISTING.has(before.status))
        await appendCardListChanges(tx, by.tenantId, [{ list: 'BLACK', cardNumber: before.cardNumber, op: 'ADD', reason: status }]);
      await auditChange(em, by, 'fueling', `fuel-card.${status.toLowerCase()}`, `fuel-card:${cardId}`, {
        cardNumber: before.cardNumber,
        before: before.status,
      });
      return card;
    });
  }

  /** Lifts a block: the card is taken off the blacklist. A lost card is reissued, not unblocked. */
  unblock(by: CallerContext, cardId: string): Promise<FuelCard> {
    return this.data.transaction(async (em) => {
      const tx = queryableOf(em);
      const before = await lockCard(tx, by.tenantId, cardId);
      if (before.status !== FuelCardStatus.BLOCKED)
        throw new HearthError('CONFLICT', `Card ${before.cardNumber} is ${before.status}, not blocked.`, { cardId });
      const card = await changeStatus(tx, by.tenantId, cardId, FuelCardStatus.ACTIVE, null);
      await appendCardListChanges(tx, by.tenantId, [{ list: 'BLACK', cardNumber: before.cardNumber, op: 'REMOVE', reason: 'UNBLOCKED' }]);
      await auditChange(em, by, 'fueling', 'fuel-card.unblocked', `fuel-card:${cardId}`, { cardNumber: before.cardNumber });
      return card;
    });
  }

  /**
   * Reissues a card under a new number: the new card pays from the same account (so its balance
   * moves with it, holds and all), with the same holder, limits and rules, and takes over its
   * sub-cards; the old card is REPLACED and stays on the blacklist.
   */
  reissue(by: CallerContext, cardId: string, newCardNumber: string): Promise<FuelCard> {
    return this.data.transaction(async (em) => {
      const tx = queryableOf(em);
      // Whose card first: another company's is NOT_FOUND whatever number is sent.
      const old = await lockCard(tx, by.tenantId, cardId);
      const number = validateInput(cardNumberSchema, newCardNumber);
      if (old.status === FuelCardStatus.REPLACED || old.status === FuelCardStatus.CANCELLED)
        throw new HearthError('CONFLICT', `Card ${old.cardNumber} is ${old.status.toLowerCase()}: reissue its successor instead.`, { cardId });
      const [card] = await tx
        .query<FuelCard>(
          `INSERT INTO fueling.card (tenant_id, lineage_id, card_number, kind, funding, customer_id, account_id, master_card_id, expires_on, allowed_grades, allowed_stations, plate)
           SELECT tenant_id, lineage_id, $3, kind, funding, customer_id, account_id, master_card_id, expires_on, allowed_grades, allowed_stations, plate
             FROM fueling.card WHERE tenant_id = $1 AND id = $2 RETURNING ${CARD_COLUMNS}`,
          [by.tenantId, cardId, number],
        )
        .catch((err: unknown) => {
          if (isUniqueViolation(err)) throw new HearthError('CONFLICT', `Card ${number} is issued already.`, { field: 'newCardNumber' });
          throw err;
        });
      await tx.query(
        `INSERT INTO fueling.card_limit (tenant_id, card_id, period, max_amount_minor, max_volume_ml)
         SELECT tenant_id, $3, period, max_amount_minor, max_volume_ml FROM fueling.card_limit WHERE tenant_id = $1 AND card_id = $2`,
        [by.tenantId, cardId, card!.id],
      );
      await tx.query(`UPDATE fueling.card SET master_card_id = $3 WHERE tenant_id = $1 AND master_card_id = $2`, [by.tenantId, cardId, card!.id]);
      await changeStatus(tx, by.tenantId, cardId, FuelCardStatus.REPLACED, card!.id);
      if (!BLACKLISTING.has(old.status))
        await appendCardListChanges(tx, by.tenantId, [{ list: 'BLACK', cardNumber: old.cardNumber, op: 'ADD', reason: 'REPLACED' }]);
      await auditChange(em, by, 'fueling', 'fuel-card.reissued', `fuel-card:${cardId}`, { from: old.cardNumber, to: number, newCardId: card!.id });
      return card!;
    });
  }

  /** Who pays for a new card, and from which account. */
  private async ownerOf(tx: Queryable, tenantId: string, cardId: string, v: ReturnType<typeof issueSchema.parse>) {
    const funding = v.funding ?? 'STORED_VALUE';
    if (v.kind === 'SUB') {
      if (!v.masterCardId) throw badInput([{ field: 'masterCardId', message: 'a sub-card names its master card' }]);
      const master = await lockCard(tx, tenantId, v.masterCardId);
      if (master.kind !== 'MASTER') throw badInput([{ field: 'masterCardId', message: `card ${master.cardNumber} is not a master card` }]);
      if (master.status !== FuelCardStatus.ACTIVE)
        throw new HearthError('CONFLICT', `Master card ${master.cardNumber} is ${master.status}.`, { field: 'masterCardId' });
      return { funding: master.funding, customerId: master.customerId, accountId: master.accountId };
    }
    if (v.masterCardId) throw badInput([{ field: 'masterCardId', message: 'only a sub-card has a master card' }]);
    if (v.kind === 'ANONYMOUS') {
      if (v.customerId) throw badInput([{ field: 'customerId', message: 'an anonymous card has no holder' }]);
      if (funding !== 'STORED_VALUE') throw badInput([{ field: 'funding', message: 'an anonymous card is stored value' }]);
      const wallet = await openAccount(tx, {
        tenantId,
        type: 'CUSTOMER_WALLET',
        currency: WALLET_CURRENCY,
        name: `Fuel card ${v.cardNumber}`,
        ownerRef: `fuel-card:${cardId}`,
        creditLimitMinor: 0,
      });
      return { funding, customerId: null, accountId: wallet.id };
    }
    if (!v.customerId) throw badInput([{ field: 'customerId', message: `a ${v.kind.toLowerCase()} card has a holder` }]);
    // The customer's row locked as every service that takes their money locks it; a blacklisted customer gets no card.
    const holder = await lockDepositHolder(tx, tenantId, v.customerId);
    assertServable(holder);
    return { funding, customerId: holder.id, accountId: holder.accountId };
  }
}

const filterSchema = z.object({
  customerId: z.uuid().nullish(),
  masterCardId: z.uuid().nullish(),
  status: z.enum(FuelCardStatus).nullish(),
  cardNumberPrefix: z
    .string()
    .trim()
    .regex(/^[0-9]{1,19}$/, 'digits only')
    .nullish(),
});

async function lockCard(tx: Queryable, tenantId: string, cardId: string): Promise<FuelCard> {
  const [card] = isUuid(cardId)
    ? await tx.query<FuelCard>(`SELECT ${CARD_COLUMNS} FROM fueling.card WHERE tenant_id = $1 AND id = $2 FOR UPDATE`, [tenantId, cardId])
    : [];
  if (!card) throw notFound('FuelCard', cardId);
  return card;
}

async function changeStatus(tx: Queryable, tenantId: string, cardId: string, status: FuelCardStatus, replacedBy: string | null): Promise<FuelCard> {
  const [card] = await tx.query<FuelCard>(
    `UPDATE fueling.card SET status = $3, replaced_by = coalesce($4, replaced_by), status_changed_at = now() WHERE tenant_id = $1 AND id = $2 RETURNING ${CARD_COLUMNS}`,
    [tenantId, cardId, status, replacedBy],
  );
  return card!;
}

async function writeLimits(tx: Queryable, tenantId: string, cardId: string, limits: NonNullable<FuelCardRules['limits']>): Promise<void> {
  await tx.query(`DELETE FROM fueling.card_limit WHERE tenant_id = $1 AND card_id = $2`, [tenantId, cardId]);
  if (limits.length === 0) return;
  await tx.query(
    `INSERT INTO fueling.card_limit (tenant_id, card_id, period, max_amount_minor, max_volume_ml)
     SELECT $1, $2, period, amount, volume FROM unnest($3::text[], $4::bigint[], $5::bigint[]) AS l(period, amount, volume)`,
    [tenantId, cardId, limits.map((l) => l.period), limits.map((l) => l.maxAmountMinor ?? null), limits.map((l) => l.maxVolumeMl ?? null)],
  );
}

const rulesOf = (c: FuelCard) => ({ expiresOn: c.expiresOn, allowedGrades: c.allowedGrades, allowedStationIds: c.allowedStationIds, plate: c.plate });
