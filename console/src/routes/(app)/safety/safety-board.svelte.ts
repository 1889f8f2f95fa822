import type { Client } from '@urql/core';
import { oneAtATime } from '$lib/api/one-at-a-time';
import { errorMessage } from '$lib/api/errors';
import { readAll } from '$lib/api/read-all';
import { DETECTOR_CHANGED, DETECTORS_PAGE, OPERATE_VALVE, VALVE_CHANGED } from '$lib/api/safety-queries';
import { SITES_PAGE } from '$lib/api/site-queries';
import { m } from '$paraglide/messages';
import type { Detector, DetectorsPage, SitesPage, Valve, ValveCommand } from '$lib/api/types';
import { applyValve, groupBySite, interlockRefusal, mergeDetector, summarize, type InterlockRefusal } from './safety-model';

/** What became of an Open or Close. */
export type ValveOutcome =
  { kind: 'sent'; action: 'OPEN' | 'CLOSE'; status: string } | { kind: 'interlock'; refusal: InterlockRefusal } | { kind: 'error'; message: string };

/**
 * Page state for /safety: every gas detector with its valve, loaded page by page, then kept
 * current by detectorChanged and valveChanged (for all of the company's, so a detector bound
 * later shows up too). Kept in $state rather than urql's cache so an event re-renders only
 * the card it belongs to.
 */
export class SafetyBoard {
  detectors: Record<string, Detector> = $state({});
  status: 'loading' | 'ready' | 'error' = $state('loading');
  error: string | null = $state(null);
  liveError: string | null = $state(null);
  siteNames: Record<string, string> = $state({});

  groups = $derived(groupBySite(Object.values(this.detectors), this.siteNames));
  summary = $derived(summarize(Object.values(this.detectors)));

  #client: Client;

  constructor(client: Client) {
    this.#client = client;
  }

  /** Reads every detector again; one read at a time, so an older answer never lands after a newer one. */
  readonly refresh: () => Promise<void> = oneAtATime(() => this.#load());

  async #load(): Promise<void> {
    try {
      const loaded = await readAll(this.#client, DETECTORS_PAGE, (d: DetectorsPage) => d.detectors, 50);
      // A live event may have landed while the pages were loading; keep whichever is newer.
      this.detectors = Object.fromEntries(loaded.map((d) => [d.id, mergeDetector(this.detectors[d.id], d)]));
      this.status = 'ready';
      this.error = null;
    } catch (err) {
      this.error = errorMessage(err);
      if (this.status === 'loading') this.status = 'error';
    }
  }

  /** Site names are the tanks domain's; without it (or if the read fails) the groups show site ids. */
  async loadSiteNames(): Promise<void> {
    try {
      const sites = await readAll(this.#client, SITES_PAGE, (d: SitesPage) => d.sites, 200);
      this.siteNames = Object.fromEntries(sites.map((s) => [s.id, s.name]));
    } catch {
      // ids it is
    }
  }

  /** Both subscriptions; returns the cleanup. */
  live(): () => void {
    const detectors = this.#client.subscription<{ detectorChanged: Detector }>(DETECTOR_CHANGED, {}).subscribe((result) => {
      this.liveError = result.error ? errorMessage(result.error) : null;
      const detector = result.data?.detectorChanged;
      if (detector) this.detectors[detector.id] = mergeDetector(this.detectors[detector.id], detector);
    });
    const valves = this.#client.subscription<{ valveChanged: Valve }>(VALVE_CHANGED, {}).subscribe((result) => {
      this.liveError = result.error ? errorMessage(result.error) : null;
      const changed = result.data?.valveChanged && applyValve(this.detectors, result.data.valveChanged);
      if (changed) this.detectors = changed;
    });
    return () => {
      detectors.unsubscribe();
      valves.unsubscribe();
    };
  }

  /** Opens or closes a valve; the twin's change arrives through valveChanged. */
  async operate(valveId: string, action: 'OPEN' | 'CLOSE'): Promise<ValveOutcome> {
    const result = await this.#client.mutation<{ operateValve: ValveCommand }>(OPERATE_VALVE, { valveId, action }).toPromise();
    if (result.error) {
      const refusal = interlockRefusal(result.error.graphQLErrors);
      return refusal ? { kind: 'interlock', refusal } : { kind: 'error', message: errorMessage(result.error) };
    }
    return result.data ? { kind: 'sent', action, status: result.data.operateValve.status } : { kind: 'error', message: m.error_no_data() };
  }
}
