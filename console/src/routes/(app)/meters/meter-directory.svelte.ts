import type { Client } from '@urql/core';
import { errorMessage } from '$lib/api/errors';
import { METER_TWIN_CHANGED, METERING_POLICY, METERS_PAGE } from '$lib/api/metering-queries';
import type { MeteringPolicy, MeterRow, MetersPage, MeterTwin } from '$lib/api/metering-types';
import { PagedList } from '$lib/api/paged-list.svelte';
import { readAll } from '$lib/api/read-all';
import { SITES_PAGE } from '$lib/api/site-queries';
import type { Connection } from '$lib/api/types';
import { m } from '$paraglide/messages';
import { withMeterTwin } from './meter-state';
import { toMeterFilter, type MeterView } from './meter-view';

const PAGE_SIZE = 50;

/**
 * Page state for /meters: the meters a view selects (in the order they were registered, "Load
 * more"), how many there are, each shown meter kept live by its meterTwinChanged subscription
 * (balance, relay intended and reported), the company's supply policy and its sites.
 */
export class MeterDirectory {
  list: PagedList<MeterRow, MetersPage>;
  total: number | null = $state(null);
  policy: MeteringPolicy | null = $state(null);
  policyError: string | null = $state(null);
  sites: { id: string; name: string }[] = $state([]);
  liveError: string | null = $state(null);
  #client: Client;
  /** One subscription per meter shown, by meter id. */
  #live = new Map<string, () => void>();

  constructor(client: Client) {
    this.#client = client;
    this.list = new PagedList(
      client,
      METERS_PAGE,
      (data: MetersPage) => {
        this.total = data.meters.totalCount;
        return data.meters;
      },
      PAGE_SIZE,
    );
  }

  search(view: MeterView): Promise<void> {
    return this.list.reload({ filter: toMeterFilter(view) });
  }

  async loadPolicy(): Promise<void> {
    const result = await this.#client.query<{ meteringPolicy: MeteringPolicy }>(METERING_POLICY, {}, { requestPolicy: 'network-only' }).toPromise();
    this.policyError = result.error ? errorMessage(result.error) : result.data ? null : m.error_no_data();
    if (result.data) this.policy = result.data.meteringPolicy;
  }

  async loadSites(): Promise<void> {
    try {
      const sites = await readAll(this.#client, SITES_PAGE, (d: { sites: Connection<{ id: string; name: string }> }) => d.sites, 200);
      this.sites = sites.sort((a, b) => a.name.localeCompare(b.name));
    } catch {
      // Without site names the filter is not offered; the meters still show theirs.
      this.sites = [];
    }
  }

  /** A meter changed in the panel (its protection) shown in its row too, without reading the list again. */
  update(meter: MeterRow): void {
    this.list.items = this.list.items.map((row) => (row.id === meter.id ? { ...row, ...meter, twin: row.twin ?? meter.twin } : row));
  }

  /**
   * Keeps one subscription open for each meter shown (opened as rows appear, closed as they go);
   * returns the unsubscribe of all of them.
   */
  follow(ids: readonly string[]): () => void {
    const wanted = new Set(ids);
    for (const [id, stop] of this.#live) if (!wanted.has(id)) (stop(), this.#live.delete(id));
    for (const id of wanted) if (!this.#live.has(id)) this.#live.set(id, this.#subscribe(id));
    return () => this.stop();
  }

  stop(): void {
    for (const stop of this.#live.values()) stop();
    this.#live.clear();
  }

  #subscribe(meterId: string): () => void {
    return this.#client.subscription<{ meterTwinChanged: MeterTwin & { meterId: string } }>(METER_TWIN_CHANGED, { meterId }).subscribe((result) => {
      this.liveError = result.error ? errorMessage(result.error) : null;
      const change = result.data?.meterTwinChanged;
      if (!change) return;
      const { meterId: id, ...twin } = change;
      this.list.items = withMeterTwin(this.list.items, id, twin);
    }).unsubscribe;
  }
}
