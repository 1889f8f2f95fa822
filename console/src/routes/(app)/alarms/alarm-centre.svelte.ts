import type { Client } from '@urql/core';
import { oneAtATime } from '$lib/api/one-at-a-time';
import { ACKNOWLEDGE_ALARM, ALARM_CHANGED, ALARM_COUNTS, ALARMS_PAGE, NAMED_TANKS_PAGE, SHELVE_ALARM, UNSHELVE_ALARM } from '$lib/api/alarm-queries';
import { errorMessage } from '$lib/api/errors';
import { PagedList } from '$lib/api/paged-list.svelte';
import { readAll } from '$lib/api/read-all';
import { SITES_PAGE } from '$lib/api/site-queries';
import type { AlarmCount, AlarmEntry, AlarmsPage, NamedTanksPage, Site, SitesPage } from '$lib/api/types';
import { toAlarmFilter, type AlarmView } from './alarm-filter';

/**
 * Page state for /alarms: the alarms the view (from the URL) selects, the counts per severity,
 * and the names of tanks and sites. Any committed change of an alarm (raised, cleared,
 * acknowledged or shelved, here or elsewhere) reads the list and the counts again.
 */
export class AlarmCentre {
  list: PagedList<AlarmEntry, AlarmsPage>;
  counts: AlarmCount[] = $state([]);
  /** Every site by name, for the filter; empty without the tanks domain. */
  sites: Site[] = $state([]);
  siteNames: Record<string, string> = $state({});
  tankNames: Record<string, string> = $state({});

  #client: Client;
  #view: () => AlarmView;

  constructor(client: Client, view: () => AlarmView) {
    this.#client = client;
    this.#view = view;
    this.list = new PagedList(client, ALARMS_PAGE, (data: AlarmsPage) => data.alarms);
  }

  // Events come in bursts (a batch raises several alarms): one reload at a time, and one more after it if anything
  // changed meanwhile, so an older answer never lands after a newer one.
  readonly refresh: () => Promise<void> = oneAtATime(() => this.#load());

  async #load(): Promise<void> {
    await this.list.reload({ filter: toAlarmFilter(this.#view(), Date.now()) });
    const result = await this.#client.query<{ alarmCounts: AlarmCount[] }>(ALARM_COUNTS, {}, { requestPolicy: 'network-only' }).toPromise();
    if (result.data) this.counts = result.data.alarmCounts;
  }

  /** Reads again on every change of any alarm; returns the unsubscribe. */
  live(): () => void {
    return this.#client.subscription(ALARM_CHANGED, {}).subscribe(() => void this.refresh()).unsubscribe;
  }

  /**
   * Names of tanks and sites (the tanks domain's). A viewer without it, or a failed read, sees
   * ids instead: the alarms matter more than their names.
   */
  async loadNames(): Promise<void> {
    try {
      const [sites, tanks] = await Promise.all([
        readAll(this.#client, SITES_PAGE, (d: SitesPage) => d.sites, 200),
        readAll(this.#client, NAMED_TANKS_PAGE, (d: NamedTanksPage) => d.tanks, 100),
      ]);
      this.sites = sites.sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }));
      this.siteNames = Object.fromEntries(sites.map((s) => [s.id, s.name]));
      this.tankNames = Object.fromEntries(tanks.map((t) => [t.id, t.name]));
    } catch {
      // ids it is
    }
  }

  /** Each resolves to the gateway's error message, or null once done (the list is then read again). */
  acknowledge(alarm: AlarmEntry, comment: string): Promise<string | null> {
    return this.#change(ACKNOWLEDGE_ALARM, { id: alarm.id, comment: comment.trim() || null });
  }

  shelve(alarm: AlarmEntry, until: string, reason: string): Promise<string | null> {
    return this.#change(SHELVE_ALARM, { id: alarm.id, until, reason });
  }

  unshelve(alarm: AlarmEntry): Promise<string | null> {
    return this.#change(UNSHELVE_ALARM, { id: alarm.id });
  }

  async #change(mutation: typeof SHELVE_ALARM, variables: Record<string, unknown>): Promise<string | null> {
    const result = await this.#client.mutation(mutation, variables).toPromise();
    if (result.error) return errorMessage(result.error);
    // Awaited: the row keeps its form until the list shows what changed.
    await this.refresh();
    return null;
  }
}
