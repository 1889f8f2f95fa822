import type { Client } from '@urql/core';
import { errorMessage } from '$lib/api/errors';
import { FILLING_DAY, FILLING_STATIONS, SCALE_TWIN_CHANGED } from '$lib/api/filling-queries';
import type { FillingScale, FillingShiftTotal, FillingStation, FillRecord, ScaleTwin } from '$lib/api/filling-types';
import { oneAtATime } from '$lib/api/one-at-a-time';
import { readAll } from '$lib/api/read-all';
import { SITES_PAGE } from '$lib/api/site-queries';
import type { SitesPage } from '$lib/api/types';
import { tradeDay } from '$lib/trade-day';
import { m } from '$paraglide/messages';
import { reportsNewFill } from './new-fill';

const LATEST_FILLS = 30;
/** The cylinders service takes a scale's fills in about a second after the twin reports them: read once more then. */
const FILL_INTAKE_MS = 2_500;

/**
 * Page state for /filling-line: the stations; the chosen one's scales, kept live by
 * scaleTwinChanged; its day's shift totals and latest fills, read again when a scale reports a fill.
 */
export class FillingLine {
  stations: FillingStation[] = $state([]);
  status: 'loading' | 'ready' | 'error' = $state('loading');
  error: string | null = $state(null);
  liveError: string | null = $state(null);
  siteNames: Map<string, string> = $state(new Map());
  /** The chosen station's scales, as last read or heard of. */
  scales: FillingScale[] = $state([]);
  totals: FillingShiftTotal[] = $state([]);
  fills: FillRecord[] = $state([]);
  day = $state(tradeDay());
  dayStatus: 'idle' | 'loading' | 'ready' | 'error' = $state('idle');
  dayError: string | null = $state(null);

  #client: Client;
  #station: () => string | null;

  constructor(client: Client, station: () => string | null) {
    this.#client = client;
    this.#station = station;
  }

  async load(): Promise<void> {
    const [result] = await Promise.all([
      this.#client.query<{ fillingStations: FillingStation[] }>(FILLING_STATIONS, {}, { requestPolicy: 'network-only' }).toPromise(),
      this.#loadSites(),
    ]);
    if (result.error || !result.data) {
      this.error = result.error ? errorMessage(result.error) : m.error_no_data();
      this.status = 'error';
      return;
    }
    this.stations = [...result.data.fillingStations].sort((a, b) => this.siteName(a.siteId).localeCompare(this.siteName(b.siteId)));
    this.error = null;
    this.status = 'ready';
    this.show(this.#station());
  }

  /** The station's scales from the last read (the subscription keeps them current from then on). */
  show(stationId: string | null): void {
    this.scales = this.stations.find((s) => s.siteId === stationId)?.scales ?? [];
  }

  /** Subscribes to the scales' twins; returns the unsubscribe. */
  live(scaleIds: string[]): () => void {
    if (scaleIds.length === 0) return () => {};
    return this.#client.subscription<{ scaleTwinChanged: { id: string; twin: ScaleTwin | null } }>(SCALE_TWIN_CHANGED, { scaleIds }).subscribe((result) => {
      this.liveError = result.error ? errorMessage(result.error) : null;
      const change = result.data?.scaleTwinChanged;
      if (change) this.apply(change.id, change.twin);
    }).unsubscribe;
  }

  apply(scaleId: string, twin: ScaleTwin | null): void {
    const before = this.scales.find((s) => s.id === scaleId);
    if (!before || (before.twin && twin && twin.version < before.twin.version)) return;
    this.scales = this.scales.map((s) => (s.id === scaleId ? { ...s, twin } : s));
    if (!reportsNewFill(before.twin, twin)) return;
    void this.refreshDay();
    setTimeout(() => void this.refreshDay(), FILL_INTAKE_MS);
  }

  /** Today's totals and latest fills of the chosen station. */
  readonly refreshDay: () => Promise<void> = oneAtATime(async () => {
    const stationId = this.#station();
    if (!stationId) return;
    const day = tradeDay();
    if (this.dayStatus === 'idle') this.dayStatus = 'loading';
    const result = await this.#client
      .query<{ fillingShiftTotals: FillingShiftTotal[]; fillRecords: { edges: { node: FillRecord }[] } }>(
        FILLING_DAY,
        { stationId, day, first: LATEST_FILLS },
        { requestPolicy: 'network-only' },
      )
      .toPromise();
    if (stationId !== this.#station()) return;
    if (result.error || !result.data) {
      this.dayError = result.error ? errorMessage(result.error) : m.error_no_data();
      if (this.dayStatus !== 'ready') this.dayStatus = 'error';
      return;
    }
    this.day = day;
    this.totals = result.data.fillingShiftTotals;
    this.fills = result.data.fillRecords.edges.map((e) => e.node);
    this.dayError = null;
    this.dayStatus = 'ready';
  });

  /** A new station chosen: nothing of the last one's day shows meanwhile. */
  resetDay(): void {
    this.totals = [];
    this.fills = [];
    this.dayStatus = 'idle';
    this.dayError = null;
  }

  siteName(id: string): string {
    return this.siteNames.get(id) ?? id;
  }

  scaleName(id: string): string {
    return this.scales.find((s) => s.id === id)?.name ?? id;
  }

  async #loadSites(): Promise<void> {
    try {
      const sites = await readAll(this.#client, SITES_PAGE, (d: SitesPage) => d.sites, 200);
      this.siteNames = new Map(sites.map((s) => [s.id, s.name]));
    } catch {
      // stations show their ids
    }
  }
}
