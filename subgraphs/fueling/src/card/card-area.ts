import type { SubgraphContext } from '@hearth/platform/graphql';
import type { DomainArea, DomainDeps } from '@hearth/platform/service';
import { CardService } from './card.service';
import { cardLoader, FuelCardResolver } from './card.resolver';

/** Fuel cards: issue, rules and limits, loss, block and reissue, the lists offline stations keep. */
export interface CardArea extends DomainArea {
  cards: CardService;
}

export function createCardArea(deps: DomainDeps): CardArea {
  const cards = new CardService(deps.db, deps.data);
  return {
    cards,
    resolvers: [new FuelCardResolver(cards)],
    handWritten: {
      FuelCard: { __resolveReference: (ref: { id: string }, ctx: SubgraphContext) => cardLoader(ctx, cards).load(ref.id) },
    },
  };
}
