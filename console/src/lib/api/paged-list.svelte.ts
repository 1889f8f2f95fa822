import type { Client, TypedDocumentNode } from '@urql/core';
import { m } from '$paraglide/messages';
import { errorMessage } from './errors';
import type { Connection } from './types';

/** Variables a list query takes besides `first` and `after` (a filter). */
export type ListVariables = Record<string, unknown>;

/**
 * A Relay connection shown as a list with "Load more": the first page on reload(), the next
 * on loadMore(). Always from the network; admin lists change under us (keys used, entries
 * appended). A filtered list passes its variables to reload(); loadMore() pages on with the
 * same ones, and an answer to an older reload never replaces a newer one.
 */
export class PagedList<T, Data> {
  items: T[] = $state([]);
  status: 'loading' | 'ready' | 'error' = $state('loading');
  error: string | null = $state(null);
  hasMore = $state(false);
  loadingMore = $state(false);

  #client: Client;
  #query: TypedDocumentNode<Data, { first: number; after: string | null }>;
  #pick: (data: Data) => Connection<T>;
  #pageSize: number;
  #cursor: string | null = null;
  #variables: ListVariables = {};
  #generation = 0;

  constructor(client: Client, query: TypedDocumentNode<Data, { first: number; after: string | null }>, pick: (data: Data) => Connection<T>, pageSize = 50) {
    this.#client = client;
    this.#query = query;
    this.#pick = pick;
    this.#pageSize = pageSize;
  }

  /** The first page again, with `variables` (by default the last ones given). */
  async reload(variables: ListVariables = this.#variables): Promise<void> {
    this.#variables = variables;
    const generation = ++this.#generation;
    const page = await this.#fetch(null, variables);
    if (generation !== this.#generation || !this.#apply(page)) return;
    this.items = page.edges.map((e) => e.node);
    this.status = 'ready';
  }

  async loadMore(): Promise<void> {
    if (!this.hasMore || this.loadingMore) return;
    this.loadingMore = true;
    const generation = this.#generation;
    const page = await this.#fetch(this.#cursor, this.#variables);
    this.loadingMore = false;
    if (generation !== this.#generation || !this.#apply(page)) return;
    this.items = [...this.items, ...page.edges.map((e) => e.node)];
  }

  async #fetch(after: string | null, variables: ListVariables): Promise<Connection<T> | string> {
    const result = await this.#client.query(this.#query, { ...variables, first: this.#pageSize, after }, { requestPolicy: 'network-only' }).toPromise();
    if (result.error || !result.data) return result.error ? errorMessage(result.error) : m.error_no_data();
    return this.#pick(result.data);
  }

  /** Takes in a page's paging (true), or its error (false). */
  #apply(page: Connection<T> | string): page is Connection<T> {
    if (typeof page === 'string') {
      this.error = page;
      if (this.status === 'loading') this.status = 'error';
      return false;
    }
    this.error = null;
    this.hasMore = page.pageInfo.hasNextPage && !!page.pageInfo.endCursor;
    this.#cursor = page.pageInfo.endCursor;
    return true;
  }
}
