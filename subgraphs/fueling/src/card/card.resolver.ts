import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ConnectionType, CustomerReference, requestLoader, type SubgraphContext } from '@hearth/platform/graphql';
import { FuelCardStatus } from './card.enums';
import { FuelCardFilter, FuelCardRulesInput, IssueFuelCardInput } from './card.input';
import { FuelCard, FuelCardFunds, FuelCardLimit, FuelCardListChanges, FuelCardListConfirmation } from './card.types';
import { cardListChangesAfter, confirmCardList } from './card-lists';
import { accountFunds, cardLimitUses } from './card-usage';
import type { CardService } from './card.service';

const FuelCardConnection = ConnectionType(FuelCard, 'FuelCard');

@Resolver(() => FuelCard)
export class FuelCardResolver {
  constructor(private readonly cards: CardService) {}

  @Query(() => FuelCardConnection, { description: 'Your fuel cards, newest issued first.' })
  fuelCards(
    @Ctx() ctx: SubgraphContext,
    @Arg('filter', () => FuelCardFilter, { nullable: true, description: 'Which cards.' }) filter: FuelCardFilter | null,
    @Arg('first', () => Int, { defaultValue: 50, description: 'Page size, 1–200.' }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'Cursor of the last card of the page before.' }) after?: string | null,
  ) {
    return this.cards.search(ctx.tenantId, filter ?? {}, first, after);
  }

  @Query(() => FuelCard, { nullable: true, description: 'A card by id; null if it is not one of yours.' })
  fuelCard(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID, { description: 'The card’s id.' }) id: string) {
    return cardLoader(ctx, this.cards).load(id);
  }

  @Query(() => FuelCard, { nullable: true, description: 'A card by the number printed on it.' })
  fuelCardByNumber(@Ctx() ctx: SubgraphContext, @Arg('cardNumber', () => String, { description: 'The printed number.' }) cardNumber: string) {
    return this.cards.byNumber(ctx.tenantId, cardNumber);
  }

  @Query(() => FuelCardListChanges, {
    description: 'The card lists (blacklist, greylist) as numbered increments after a version: what a station controller applies to sell offline.',
  })
  fuelCardListChanges(
    @Ctx() ctx: SubgraphContext,
    @Arg('afterVersion', () => Int, { defaultValue: 0, description: 'The version the caller holds (0: from the start).' }) afterVersion: number,
    @Arg('first', () => Int, { defaultValue: 200, description: 'At most this many changes, 1–400: a controller far behind asks again after the last.' })
    first: number,
  ) {
    return cardListChangesAfter(this.cards.db, ctx.tenantId, Math.max(0, afterVersion), Math.min(Math.max(first, 1), 400));
  }

  @Mutation(() => FuelCardListConfirmation, {
    description: 'A station controller confirms the card-list version it applied (a key with fueling:write): offline card sales stay open within its window.',
  })
  confirmFuelCardList(
    @Ctx() ctx: SubgraphContext,
    @Arg('stationId', () => ID, { description: 'The station (site id).' }) stationId: string,
    @Arg('version', () => Int, { description: 'The version it holds.' }) version: number,
  ) {
    return this.cards.db.transaction((tx) => confirmCardList(tx, ctx.tenantId, stationId, version));
  }

  @Mutation(() => FuelCard, { description: 'Issues a card: named, anonymous (a wallet of its own), a company’s master card or one of its sub-cards.' })
  issueFuelCard(@Ctx() ctx: SubgraphContext, @Arg('input', () => IssueFuelCardInput, { description: 'The card.' }) input: IssueFuelCardInput) {
    return this.cards.issue(ctx, input);
  }

  @Mutation(() => FuelCard, { description: 'Changes what a card may buy: limits, grades, stations, plate, expiry (each replaced as given).' })
  setFuelCardRules(
    @Ctx() ctx: SubgraphContext,
    @Arg('cardId', () => ID, { description: 'The card.' }) cardId: string,
    @Arg('input', () => FuelCardRulesInput, { description: 'Its rules.' }) input: FuelCardRulesInput,
  ) {
    return this.cards.setRules(ctx, cardId, input);
  }

  @Mutation(() => FuelCard, { description: 'Reports a card lost: refused at every online pump at once, at offline stations from their next list increment.' })
  reportCardLost(@Ctx() ctx: SubgraphContext, @Arg('cardId', () => ID, { description: 'The card.' }) cardId: string) {
    return this.cards.setStatus(ctx, cardId, FuelCardStatus.LOST);
  }

  @Mutation(() => FuelCard, { description: 'Blocks a card (refused everywhere, as a lost one) until unblocked.' })
  blockFuelCard(@Ctx() ctx: SubgraphContext, @Arg('cardId', () => ID, { description: 'The card.' }) cardId: string) {
    return this.cards.setStatus(ctx, cardId, FuelCardStatus.BLOCKED);
  }

  @Mutation(() => FuelCard, { description: 'Lifts a block.' })
  unblockFuelCard(@Ctx() ctx: SubgraphContext, @Arg('cardId', () => ID, { description: 'The card.' }) cardId: string) {
    return this.cards.unblock(ctx, cardId);
  }

  @Mutation(() => FuelCard, { description: 'Cancels a card given back; its account stays with its holder.' })
  cancelFuelCard(@Ctx() ctx: SubgraphContext, @Arg('cardId', () => ID, { description: 'The card.' }) cardId: string) {
    return this.cards.setStatus(ctx, cardId, FuelCardStatus.CANCELLED);
  }

  @Mutation(() => FuelCard, { description: 'Reissues a card (lost or worn) under a new number: the new card takes its balance, limits, rules and sub-cards.' })
  reissueFuelCard(
    @Ctx() ctx: SubgraphContext,
    @Arg('cardId', () => ID, { description: 'The card to replace.' }) cardId: string,
    @Arg('newCardNumber', () => String, { description: 'The new card’s printed number.' }) newCardNumber: string,
  ) {
    return this.cards.reissue(ctx, cardId, newCardNumber);
  }

  @FieldResolver(() => CustomerReference, { nullable: true, description: 'Its holder; null for an anonymous card.' })
  holder(@Root() card: FuelCard) {
    return card.customerId ? { id: card.customerId } : null;
  }

  @FieldResolver(() => FuelCard, { nullable: true, description: 'Its master card, for a sub-card.' })
  masterCard(@Root() card: FuelCard, @Ctx() ctx: SubgraphContext) {
    return card.masterCardId ? cardLoader(ctx, this.cards).load(card.masterCardId) : null;
  }

  @FieldResolver(() => [FuelCardLimit], {
    description: 'The limits that bind it, with what the current periods have used: its own, and a sub-card’s master card’s.',
  })
  async limits(@Root() card: FuelCard, @Ctx() ctx: SubgraphContext) {
    const uses = await requestLoader(ctx, 'fuel-card-limits', async (ids) => {
      const cards = [...(await this.cards.byIds(ctx.tenantId, ids)).values()];
      return cardLimitUses(this.cards.db, ctx.tenantId, cards, new Date());
    }).load(card.id);
    return (uses ?? []).map((u) => ({ ...u, fromMasterCard: u.scope === 'MASTER' }));
  }

  @FieldResolver(() => FuelCardFunds, { nullable: true, description: 'What it can pay now: its account’s balance and credit less held authorisations.' })
  funds(@Root() card: FuelCard, @Ctx() ctx: SubgraphContext) {
    return requestLoader(ctx, 'fuel-card-funds', (accountIds) => accountFunds(this.cards.db, ctx.tenantId, accountIds)).load(card.accountId);
  }
}

/** Cards by id, one query per request. */
export const cardLoader = (ctx: SubgraphContext, cards: CardService) => requestLoader(ctx, 'fuel-card', (ids) => cards.byIds(ctx.tenantId, ids));
