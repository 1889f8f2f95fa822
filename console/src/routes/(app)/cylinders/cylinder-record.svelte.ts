import type { Client } from '@urql/core';
import { CYLINDER_DETAIL, CYLINDER_HISTORY_PAGE } from '$lib/api/cylinder-queries';
import type { CylinderDetail, CylinderEventRecord, CylinderHistoryPage } from '$lib/api/cylinder-types';
import { errorMessage } from '$lib/api/errors';
import { PagedList } from '$lib/api/paged-list.svelte';
import { m } from '$paraglide/messages';

const NONE = { pageInfo: { hasNextPage: false, endCursor: null }, edges: [] };

/** What the viewer may see beside the registry: the twin (twins:read), the holder's name (customers:read). */
export interface RecordReach {
  withTwin: boolean;
  withCustomer: boolean;
}

/** One cylinder's record and its log, newest first, 20 at a time. */
export class CylinderRecordState {
  cylinder: CylinderDetail | null = $state(null);
  status: 'loading' | 'ready' | 'missing' | 'error' = $state('loading');
  error: string | null = $state(null);
  history: PagedList<CylinderEventRecord, CylinderHistoryPage>;

  readonly id: string;
  #client: Client;
  #reach: RecordReach;

  constructor(client: Client, id: string, reach: RecordReach) {
    this.#client = client;
    this.id = id;
    this.#reach = reach;
    this.history = new PagedList(client, CYLINDER_HISTORY_PAGE, (d: CylinderHistoryPage) => d.cylinder?.history ?? NONE, 20);
  }

  async load(): Promise<void> {
    const variables = { id: this.id, ...this.#reach };
    const [result] = await Promise.all([
      this.#client.query<{ cylinder: CylinderDetail | null }>(CYLINDER_DETAIL, variables, { requestPolicy: 'network-only' }).toPromise(),
      this.history.reload({ id: this.id }),
    ]);
    if (result.error || !result.data) {
      this.error = result.error ? errorMessage(result.error) : m.error_no_data();
      this.status = 'error';
      return;
    }
    this.cylinder = result.data.cylinder;
    this.status = this.cylinder ? 'ready' : 'missing';
  }
}
