import type { Client, TypedDocumentNode } from '@urql/core';
import { actionProblem, type ActionProblem } from '$lib/api/action-problem';
import { BLOCK_FUEL_CARD, FUEL_CARD, FUEL_CARDS_PAGE, REISSUE_FUEL_CARD, REPORT_CARD_LOST, UNBLOCK_FUEL_CARD } from '$lib/api/fuel-card-queries';
import type { FuelCardDetail, FuelCardRow, FuelCardsPage } from '$lib/api/fuel-card-types';
import { PagedList } from '$lib/api/paged-list.svelte';
import { m } from '$paraglide/messages';

/**
 * The panel's state for one card: the card with its funds and limits, a master card's sub-cards
 * (20 a page), and the actions on it. Each action shows the card as the service answered it.
 */
export class CardRecordState {
  card: FuelCardDetail | null = $state(null);
  status: 'loading' | 'ready' | 'missing' | 'error' = $state('loading');
  error: string | null = $state(null);
  subCards: PagedList<FuelCardRow, FuelCardsPage>;

  readonly id: string;
  #client: Client;
  #onchange: (card: FuelCardRow) => void;

  constructor(client: Client, id: string, onchange: (card: FuelCardRow) => void = () => {}) {
    this.#client = client;
    this.id = id;
    this.#onchange = onchange;
    this.subCards = new PagedList(client, FUEL_CARDS_PAGE, (d: FuelCardsPage) => d.fuelCards, 20);
  }

  async load(): Promise<void> {
    const result = await this.#client.query<{ fuelCard: FuelCardDetail | null }>(FUEL_CARD, { id: this.id }, { requestPolicy: 'network-only' }).toPromise();
    if (result.error || !result.data) {
      this.error = actionProblem(result.error ?? new Error(m.error_no_data())).detail;
      if (this.status === 'loading') this.status = 'error';
      return;
    }
    this.error = null;
    this.card = result.data.fuelCard;
    this.status = this.card ? 'ready' : 'missing';
    if (this.card?.kind === 'MASTER') await this.subCards.reload({ filter: { masterCardId: this.id } });
  }

  reportLost(): Promise<FuelCardDetail | ActionProblem> {
    return this.#change(REPORT_CARD_LOST, 'reportCardLost', { cardId: this.id });
  }

  block(): Promise<FuelCardDetail | ActionProblem> {
    return this.#change(BLOCK_FUEL_CARD, 'blockFuelCard', { cardId: this.id });
  }

  unblock(): Promise<FuelCardDetail | ActionProblem> {
    return this.#change(UNBLOCK_FUEL_CARD, 'unblockFuelCard', { cardId: this.id });
  }

  /** Resolves to the new card (this one is REPLACED then), or why it was refused. */
  async reissue(newCardNumber: string): Promise<FuelCardDetail | ActionProblem> {
    const outcome = await this.#change(REISSUE_FUEL_CARD, 'reissueFuelCard', { cardId: this.id, newCardNumber }, false);
    if (!('code' in outcome)) await this.load().then(() => this.card && this.#onchange(this.card));
    return outcome;
  }

  async #change(mutation: TypedDocumentNode, field: string, variables: Record<string, unknown>, shows = true): Promise<FuelCardDetail | ActionProblem> {
    const result = await this.#client.mutation<Record<string, FuelCardDetail>>(mutation, variables).toPromise();
    const card = result.data?.[field];
    if (result.error || !card) return actionProblem(result.error ?? new Error(m.error_no_data()));
    if (shows) {
      this.card = card;
      this.#onchange(card);
    }
    return card;
  }
}
