import type { Client } from '@urql/core';
import { actionProblem, type ActionProblem } from '$lib/api/action-problem';
import { errorMessage } from '$lib/api/errors';
import { oneAtATime } from '$lib/api/one-at-a-time';
import { readAll } from '$lib/api/read-all';
import {
  ASSIGN_SERVICE_ORDER,
  CANCEL_SERVICE_ORDER,
  COMPLETE_SERVICE_ORDER,
  CREATE_SERVICE_ORDER,
  CUSTOMER_CHOICES,
  DISPATCH_SERVICE_ORDER,
  FAIL_SERVICE_ORDER,
  RECLASSIFY_SERVICE_ORDER,
  SERVICE_ORDER,
  SERVICE_ORDER_COUNT,
  SERVICE_ORDERS_PAGE,
  SERVICE_QUEUE_CHANGED,
} from '$lib/api/service-order-queries';
import type { CreateServiceOrderInput, CustomerChoice, ServiceOrder, ServiceOrdersPage, ServiceOrderType } from '$lib/api/service-order-types';
import { SITES_PAGE } from '$lib/api/site-queries';
import type { Connection, Site, SitesPage } from '$lib/api/types';
import { m } from '$paraglide/messages';
import { mergeOrder, newer } from './queue-merge';
import { listKey, toOrderFilter, type QueueView } from './queue-view';

const PAGE_SIZE = 50;

/**
 * Page state for /service-centre: the orders the view (from the URL) selects, open ones by
 * deadline, kept live by serviceQueueChanged, each event merged where it belongs (or taken out when
 * the view no longer selects it); the order open in the panel; the stores. Every action's answer is
 * merged the same way, before its event arrives.
 */
export class ServiceQueue {
  items: ServiceOrder[] = $state([]);
  status: 'loading' | 'ready' | 'error' = $state('loading');
  error: string | null = $state(null);
  liveError: string | null = $state(null);
  /** How many orders the view selects, all pages together; null before the first answer. */
  total: number | null = $state(null);
  hasMore = $state(false);
  loadingMore = $state(false);
  /** Stores (sites) by name, for the filter, routing and a new order. */
  sites: Site[] = $state([]);
  /** The order open in the panel, as last read or heard of. */
  selected: ServiceOrder | null = $state(null);
  selectedStatus: 'idle' | 'loading' | 'ready' | 'missing' | 'error' = $state('idle');

  #client: Client;
  #view: () => QueueView;
  #cursor: string | null = null;
  /** Orders heard of while a page was being read: the page may predate them. */
  #heard: Map<string, ServiceOrder> | null = null;

  constructor(client: Client, view: () => QueueView) {
    this.#client = client;
    this.#view = view;
  }

  /** The first page again; one read at a time, so an older answer never lands after a newer one. */
  readonly refresh: () => Promise<void> = oneAtATime(() => this.#load());

  async #load(): Promise<void> {
    const view = this.#view();
    this.#heard = new Map();
    const page = await this.#page(view, null);
    const heard = [...this.#heard.values()];
    this.#heard = null;
    if (typeof page === 'string') return this.#failed(page);
    if (listKey(view) !== listKey(this.#view())) return; // the view changed meanwhile: another read follows
    const byId = new Map(this.items.map((o) => [o.id, o]));
    this.#take(page);
    let items = page.edges.map((e) => newer(byId.get(e.node.id), e.node));
    for (const order of heard) items = mergeOrder(items, order, view, !this.hasMore);
    this.items = items;
    this.status = 'ready';
  }

  async loadMore(): Promise<void> {
    if (!this.hasMore || this.loadingMore) return;
    this.loadingMore = true;
    const view = this.#view();
    const page = await this.#page(view, this.#cursor);
    this.loadingMore = false;
    if (typeof page === 'string') return this.#failed(page);
    if (listKey(view) !== listKey(this.#view())) return;
    this.#take(page);
    const known = new Set(this.items.map((o) => o.id));
    this.items = [...this.items, ...page.edges.map((e) => e.node).filter((o) => !known.has(o.id))];
  }

  async #page(view: QueueView, after: string | null): Promise<(Connection<ServiceOrder> & { totalCount: number }) | string> {
    const variables = { filter: toOrderFilter(view), first: PAGE_SIZE, after };
    const result = await this.#client.query<ServiceOrdersPage>(SERVICE_ORDERS_PAGE, variables, { requestPolicy: 'network-only' }).toPromise();
    if (result.error || !result.data) return result.error ? errorMessage(result.error) : m.error_no_data();
    return result.data.serviceOrders;
  }

  #take(page: Connection<ServiceOrder> & { totalCount: number }): void {
    this.error = null;
    this.total = page.totalCount;
    this.hasMore = page.pageInfo.hasNextPage && !!page.pageInfo.endCursor;
    this.#cursor = page.pageInfo.endCursor;
  }

  #failed(message: string): void {
    this.error = message;
    if (this.status === 'loading') this.status = 'error';
  }

  /** The count again after live changes took orders in or out (a burst of them: one read). */
  readonly #recount: () => Promise<void> = oneAtATime(async () => {
    const view = this.#view();
    const result = await this.#client.query(SERVICE_ORDER_COUNT, { filter: toOrderFilter(view) }, { requestPolicy: 'network-only' }).toPromise();
    const count = (result.data as { serviceOrders?: { totalCount: number } } | undefined)?.serviceOrders?.totalCount;
    if (count !== undefined && listKey(view) === listKey(this.#view())) this.total = count;
  });

  /** Every change of an order (of `storeId`'s, or all); returns the unsubscribe. */
  live(storeId: string | null): () => void {
    const variables = { storeIds: storeId ? [storeId] : null };
    return this.#client.subscription<{ serviceQueueChanged: ServiceOrder }>(SERVICE_QUEUE_CHANGED, variables).subscribe((result) => {
      this.liveError = result.error ? errorMessage(result.error) : null;
      const order = result.data?.serviceQueueChanged;
      if (order) this.apply(order);
    }).unsubscribe;
  }

  /** An order as it is now, heard of or answered: into the queue and the panel. */
  apply(order: ServiceOrder): void {
    this.#heard?.set(order.id, newer(this.#heard.get(order.id), order));
    const before = this.items;
    const items = mergeOrder(before, order, this.#view(), !this.hasMore);
    const wasIn = before.some((o) => o.id === order.id);
    const isIn = items.some((o) => o.id === order.id);
    this.items = items;
    if (wasIn !== isIn) void this.#recount();
    if (this.selected?.id === order.id) this.selected = newer(this.selected, order);
  }

  /** Reads the order the panel shows (null: none). */
  async open(id: string | null): Promise<void> {
    if (!id) {
      this.selected = null;
      this.selectedStatus = 'idle';
      return;
    }
    if (this.selected?.id !== id) this.selected = this.items.find((o) => o.id === id) ?? null;
    this.selectedStatus = this.selected ? 'ready' : 'loading';
    const result = await this.#client.query<{ serviceOrder: ServiceOrder | null }>(SERVICE_ORDER, { id }, { requestPolicy: 'network-only' }).toPromise();
    if (this.#view().selected !== id) return;
    if (result.error) {
      if (!this.selected) this.selectedStatus = 'error';
      return;
    }
    const order = result.data?.serviceOrder ?? null;
    this.selected = order && newer(this.selected?.id === id ? this.selected : null, order);
    this.selectedStatus = order ? 'ready' : 'missing';
  }

  /** Every store by name; without them the filter and the forms offer none (the rows still name theirs). */
  async loadSites(): Promise<void> {
    try {
      const sites = await readAll(this.#client, SITES_PAGE, (d: SitesPage) => d.sites, 200);
      this.sites = sites.sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }));
    } catch {
      // no store choices
    }
  }

  /** Customers for a new order: a name fragment, a card number or 4+ phone digits. */
  async findCustomers(search: string): Promise<CustomerChoice[] | ActionProblem> {
    const result = await this.#client
      .query<{ customers: Connection<CustomerChoice> }>(CUSTOMER_CHOICES, { search }, { requestPolicy: 'network-only' })
      .toPromise();
    if (result.error || !result.data) return actionProblem(result.error ?? new Error(m.error_no_data()));
    return result.data.customers.edges.map((e) => e.node);
  }

  create(input: CreateServiceOrderInput): Promise<ServiceOrder | ActionProblem> {
    return this.#act(CREATE_SERVICE_ORDER, 'createServiceOrder', { input });
  }

  assign(id: string, storeId: string, assignee: string | null): Promise<ServiceOrder | ActionProblem> {
    return this.#act(ASSIGN_SERVICE_ORDER, 'assignServiceOrder', { id, storeId, assignee });
  }

  dispatch(id: string): Promise<ServiceOrder | ActionProblem> {
    return this.#act(DISPATCH_SERVICE_ORDER, 'dispatchServiceOrder', { id });
  }

  /** `hazardControlled` goes as ticked: the service refuses a gas smell without it (HAZARD_NOT_CONFIRMED), and the page says so. */
  complete(id: string, hazardControlled: boolean, note: string | null): Promise<ServiceOrder | ActionProblem> {
    return this.#act(COMPLETE_SERVICE_ORDER, 'completeServiceOrder', { id, input: { hazardControlled, note } });
  }

  fail(id: string, reason: string): Promise<ServiceOrder | ActionProblem> {
    return this.#act(FAIL_SERVICE_ORDER, 'failServiceOrder', { id, reason });
  }

  cancel(id: string, reason: string): Promise<ServiceOrder | ActionProblem> {
    return this.#act(CANCEL_SERVICE_ORDER, 'cancelServiceOrder', { id, reason });
  }

  reclassify(id: string, type: ServiceOrderType): Promise<ServiceOrder | ActionProblem> {
    return this.#act(RECLASSIFY_SERVICE_ORDER, 'reclassifyServiceOrder', { id, type });
  }

  /** One mutation; the order it answers with is merged at once (its event follows). */
  async #act(mutation: typeof SERVICE_ORDER, field: string, variables: Record<string, unknown>): Promise<ServiceOrder | ActionProblem> {
    const result = await this.#client.mutation<Record<string, ServiceOrder>>(mutation, variables).toPromise();
    const order = result.data?.[field];
    if (result.error || !order) return actionProblem(result.error ?? new Error(m.error_no_data()));
    this.apply(order);
    return order;
  }
}
