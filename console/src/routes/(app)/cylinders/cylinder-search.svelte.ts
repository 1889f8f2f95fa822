import type { Client } from '@urql/core';
import { CYLINDER_SEARCH } from '$lib/api/cylinder-queries';
import type { CylinderSearchResult, CylinderSummary } from '$lib/api/cylinder-types';
import { errorMessage } from '$lib/api/errors';
import { m } from '$paraglide/messages';
import { searchHits } from './search-hits';

/** The search by serial prefix or tag: one query asks both. */
export class CylinderSearch {
  text = $state('');
  hits: CylinderSummary[] = $state([]);
  /** Serials matching in all (the list shows the first 20). */
  total = $state(0);
  status: 'idle' | 'searching' | 'ready' | 'error' = $state('idle');
  error: string | null = $state(null);

  #client: Client;
  #generation = 0;

  constructor(client: Client) {
    this.#client = client;
  }

  async run(text: string): Promise<void> {
    this.text = text.trim();
    const generation = ++this.#generation;
    if (!this.text) {
      this.status = 'idle';
      this.hits = [];
      return;
    }
    this.status = 'searching';
    const variables = { serialPrefix: this.text, tag: this.text };
    const result = await this.#client.query<CylinderSearchResult>(CYLINDER_SEARCH, variables, { requestPolicy: 'network-only' }).toPromise();
    if (generation !== this.#generation) return;
    if (result.error || !result.data) {
      this.error = result.error ? errorMessage(result.error) : m.error_no_data();
      this.status = 'error';
      return;
    }
    this.hits = searchHits(result.data);
    this.total = Math.max(result.data.cylinders.totalCount, this.hits.length);
    this.error = null;
    this.status = 'ready';
  }
}
