import type { Client } from '@urql/core';
import { errorMessage } from '$lib/api/errors';
import { FUEL_CARD_BY_NUMBER, FUEL_SALES_PAGE } from '$lib/api/fuel-sales-queries';
import type { FuelSale, FuelSalesPage } from '$lib/api/fuel-sales-types';
import { PagedList } from '$lib/api/paged-list.svelte';
import { toSaleFilter, type SalesView } from './sales-view';

const PAGE_SIZE = 50;

/** The sales a view selects, newest first, 50 a page; a card asked for by number is looked up first. */
export class SalesList {
  list: PagedList<FuelSale, FuelSalesPage>;
  total: number | null = $state(null);
  /** The card number asked for is no card of the company's. */
  cardMissing = $state(false);
  cardError: string | null = $state(null);
  #client: Client;
  #generation = 0;

  constructor(client: Client) {
    this.#client = client;
    this.list = new PagedList(
      client,
      FUEL_SALES_PAGE,
      (data: FuelSalesPage) => {
        this.total = data.fuelTransactions.totalCount;
        return data.fuelTransactions;
      },
      PAGE_SIZE,
    );
  }

  async search(view: SalesView): Promise<void> {
    const generation = ++this.#generation;
    let cardId: string | null = null;
    this.cardMissing = false;
    this.cardError = null;
    if (view.card) {
      const result = await this.#client
        .query<{ fuelCardByNumber: { id: string } | null }>(FUEL_CARD_BY_NUMBER, { cardNumber: view.card }, { requestPolicy: 'network-only' })
        .toPromise();
      if (generation !== this.#generation) return;
      cardId = result.data?.fuelCardByNumber?.id ?? null;
      if (result.error) this.cardError = errorMessage(result.error);
      else if (!cardId) this.cardMissing = true;
      if (!cardId) {
        this.list.items = [];
        this.list.status = 'ready';
        this.total = 0;
        return;
      }
    }
    await this.list.reload({ filter: toSaleFilter(view, cardId) });
  }
}
