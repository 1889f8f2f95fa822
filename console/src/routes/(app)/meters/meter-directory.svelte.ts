import type { Client } from '@urql/core';
import { errorMessage } from '$lib/api/errors';
import { METER_TWIN_CHANGED, METERING_POLICY, METERS_PAGE } from '$lib/api/metering-queries';
import type { MeteringPolicy, MeterRow, MetersPage, MeterTwin } from '$lib/api/metering-types';
import { PagedList } from '$lib/api/paged-list.svelte';
import { readAll } from '$lib/api/read-all';
import { SITES_PAGE } from '$lib/api/site-queries';
import type { Connection } from '$lib/api/types';
import { m } from '$paraglide/messages';
import { liveTargets, targetKey, withMeterTwin, type LiveTarget } from './meter-state';
import { toMeterFilter, type MeterView } from './meter-view';

const PAGE_SIZE = 50;

/**
 * Page state for /meters: the meters a view selects (in the order they were registered, "Load
 * more"), how many there are, the meters shown kept live by meterTwinChanged subscriptions
 * (balance, relay intended and reported: by site, see `liveTargets`), the company's supply policy
 * and its sites.
 */
export class MeterDirectory {
  list: PagedList<MeterRow, MetersPage>;
  total: number | null = $state(null);
  policy: MeteringPolicy | null = $state(null);
  policyError: string | null = $state(null);
  sites: { id: string; name: string }[] = $state([]);
  liveError: string | null = $state(null);
  #client: Client;
  /** The subscriptions open, by `targetKey`. */
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
   * Keeps the subscriptions the meters shown need open (opened as rows of new sites appear, closed
   * as they go); `stop` closes them all.
   */
  follow(meters: readonly Pick<MeterRow, 'id' | 'site'>[]): void {
    const wanted = new Map<string, LiveTarget>(liveTargets(meters).map((target) => [targetKey(target), target] as const));
    for (const [key, stop] of this.#live) if (!wanted.has(key)) (stop(), this.#live.delete(key));
    for (const [key, target] of wanted) if (!this.#live.has(key)) this.#live.set(key, this.#subscribe(target));
  }

  stop(): void {
    for (const stop of this.#live.values()) stop();
    this.#live.clear();
  }

  #subscribe(target: LiveTarget): () => void {
    return this.#client.subscription<{ meterTwinChanged: MeterTwin & { meterId: string } }>(METER_TWIN_CHANGED, target).subscribe((result) => {
      this.liveError = result.error ? errorMessage(result.error) : null;
      const change = result.data?.meterTwinChanged;
      if (!change) return;
      const { meterId: id, ...twin } = change;
      this.list.items = withMeterTwin(this.list.items, id, twin);
    }).unsubscribe;
  }
}
