import type { Client } from '@urql/core';
import { actionProblem, type ActionProblem } from '$lib/api/action-problem';
import { errorMessage } from '$lib/api/errors';
import { CARD_HOLDERS, FUEL_CARDS_PAGE, ISSUE_FUEL_CARD } from '$lib/api/fuel-card-queries';
import type { CardHolder, FuelCardDetail, FuelCardRow, FuelCardsPage, IssueFuelCardInput } from '$lib/api/fuel-card-types';
import { PagedList } from '$lib/api/paged-list.svelte';
import { m } from '$paraglide/messages';
import { holderSearch, toCardFilter, type CardView } from './card-view';

const PAGE_SIZE = 50;

/**
 * Page state for /cards: the cards a view selects (newest issued first, "Load more"), how many
 * there are, the holders a name search finds, and issuing a card.
 */
export class CardDirectory {
  list: PagedList<FuelCardRow, FuelCardsPage>;
  total: number | null = $state(null);
  /** Customers whose name matched the search; null when the search was a card number or empty. */
  holders: CardHolder[] | null = $state(null);
  holdersError: string | null = $state(null);
  #client: Client;
  #generation = 0;

  constructor(client: Client) {
    this.#client = client;
    this.list = new PagedList(
      client,
      FUEL_CARDS_PAGE,
      (data: FuelCardsPage) => {
        this.total = data.fuelCards.totalCount;
        return data.fuelCards;
      },
      PAGE_SIZE,
    );
  }

  search(view: CardView): Promise<unknown> {
    return Promise.all([this.list.reload({ filter: toCardFilter(view) }), this.#findHolders(holderSearch(view))]);
  }

  async #findHolders(text: string | null): Promise<void> {
    const generation = ++this.#generation;
    if (!text) return void ((this.holders = null), (this.holdersError = null));
    const result = await this.#client
      .query<{ customers: { edges: { node: CardHolder }[] } }>(CARD_HOLDERS, { search: text }, { requestPolicy: 'network-only' })
      .toPromise();
    if (generation !== this.#generation) return;
    this.holdersError = result.error ? errorMessage(result.error) : null;
    this.holders = result.data?.customers.edges.map((e) => e.node) ?? [];
  }

  /** A card changed in the panel shown in its row too, without reading the list again (which would drop the pages loaded). */
  update(card: FuelCardRow): void {
    const row = this.list.items.find((c) => c.id === card.id);
    if (row) Object.assign(row, { status: card.status, plate: card.plate, expiresOn: card.expiresOn, holder: card.holder });
  }

  /** Resolves to the new card, or why it was refused. */
  async issue(input: IssueFuelCardInput): Promise<FuelCardDetail | ActionProblem> {
    const result = await this.#client.mutation<{ issueFuelCard: FuelCardDetail }>(ISSUE_FUEL_CARD, { input }).toPromise();
    const card = result.data?.issueFuelCard;
    if (result.error || !card) return actionProblem(result.error ?? new Error(m.error_no_data()));
    void this.list.reload();
    return card;
  }

  /** Customers a name (or a customer's card, archive or phone number) finds, for naming a card's holder. */
  async findHolders(text: string): Promise<CardHolder[] | ActionProblem> {
    const result = await this.#client
      .query<{ customers: { edges: { node: CardHolder }[] } }>(CARD_HOLDERS, { search: text }, { requestPolicy: 'network-only' })
      .toPromise();
    if (result.error || !result.data) return actionProblem(result.error ?? new Error(m.error_no_data()));
    return result.data.customers.edges.map((e) => e.node);
  }
}
