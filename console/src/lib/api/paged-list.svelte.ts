import type { Client, TypedDocumentNode } from '@urql/core';
import { m } from '$paraglide/messages';
import { errorMessage } from './errors';
import type { Connection } from './types';

/**
 * A Relay connection shown as a list with "Load more": the first page on reload(), the next
 * on loadMore(). Always from the network; admin lists change under us (keys used, entries
 * appended).
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

  constructor(client: Client, query: TypedDocumentNode<Data, { first: number; after: string | null }>, pick: (data: Data) => Connection<T>, pageSize = 50) {
    this.#client = client;
    this.#query = query;
    this.#pick = pick;
    this.#pageSize = pageSize;
  }

  async reload(): Promise<void> {
    const page = await this.#fetch(null);
    if (!page) return;
    this.items = page.edges.map((e) => e.node);
    this.status = 'ready';
  }

  async loadMore(): Promise<void> {
    if (!this.hasMore || this.loadingMore) return;
    this.loadingMore = true;
    const page = await this.#fetch(this.#cursor);
    this.loadingMore = false;
    if (page) this.items = [...this.items, ...page.edges.map((e) => e.node)];
  }

  async #fetch(after: string | null): Promise<Connection<T> | null> {
    const result = await this.#client.query(this.#query, { first: this.#pageSize, after }, { requestPolicy: 'network-only' }).toPromise();
    if (result.error || !result.data) {
      this.error = result.error ? errorMessage(result.error) : m.error_no_data();
      if (this.status === 'loading') this.status = 'error';
      return null;
    }
    const page = this.#pick(result.data);
    this.error = null;
    this.hasMore = page.pageInfo.hasNextPage && !!page.pageInfo.endCursor;
    this.#cursor = page.pageInfo.endCursor;
    return page;
  }
}
