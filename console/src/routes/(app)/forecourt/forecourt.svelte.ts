import type { Client } from '@urql/core';
import { errorMessage } from '$lib/api/errors';
import { FUEL_STATION, FUEL_STATIONS, PUMP_TWIN_CHANGED } from '$lib/api/fueling-queries';
import type { FuelStation, FuelStationSummary, Pump, PumpTwin } from '$lib/api/fueling-types';
import { oneAtATime } from '$lib/api/one-at-a-time';
import { m } from '$paraglide/messages';
import { withTwin } from './pump-merge';

/**
 * Page state for /forecourt: the company's fuel stations; the chosen one's offline-card status,
 * prices and pumps, the pumps kept live by one pumpTwinChanged(stationId) subscription.
 */
export class Forecourt {
  stations: FuelStationSummary[] = $state([]);
  status: 'loading' | 'ready' | 'error' = $state('loading');
  error: string | null = $state(null);
  station: FuelStation | null = $state(null);
  stationStatus: 'idle' | 'loading' | 'ready' | 'missing' | 'error' = $state('idle');
  stationError: string | null = $state(null);
  /** The chosen station's pumps, as last read or heard of. */
  pumps: Pump[] = $state([]);
  liveError: string | null = $state(null);

  #client: Client;
  #stationId: () => string | null;

  constructor(client: Client, stationId: () => string | null) {
    this.#client = client;
    this.#stationId = stationId;
  }

  async load(): Promise<void> {
    const result = await this.#client
      .query<{ fuelStations: { edges: { node: FuelStationSummary }[] } }>(FUEL_STATIONS, {}, { requestPolicy: 'network-only' })
      .toPromise();
    if (result.error || !result.data) {
      this.error = result.error ? errorMessage(result.error) : m.error_no_data();
      this.status = 'error';
      return;
    }
    this.stations = result.data.fuelStations.edges.map((e) => e.node).sort((a, b) => a.site.name.localeCompare(b.site.name));
    this.error = null;
    this.status = 'ready';
  }

  /** A station chosen: nothing of the last one shows while it is read. */
  reset(): void {
    this.station = null;
    this.pumps = [];
    this.stationStatus = 'idle';
    this.stationError = null;
  }

  /** The chosen station and its pumps as stored now (again after the live socket came back). */
  readonly refresh: () => Promise<void> = oneAtATime(async () => {
    const id = this.#stationId();
    if (!id) return;
    if (this.stationStatus === 'idle') this.stationStatus = 'loading';
    const result = await this.#client.query<{ fuelStation: FuelStation | null }>(FUEL_STATION, { id }, { requestPolicy: 'network-only' }).toPromise();
    if (id !== this.#stationId()) return;
    if (result.error || !result.data) {
      this.stationError = result.error ? errorMessage(result.error) : m.error_no_data();
      if (this.stationStatus !== 'ready') this.stationStatus = 'error';
      return;
    }
    const station = result.data.fuelStation;
    this.stationError = null;
    this.station = station;
    this.stationStatus = station ? 'ready' : 'missing';
    if (!station) return;
    // A twin heard of while the read was on its way may be newer than the one read.
    let pumps = station.pumps;
    for (const pump of this.pumps) if (pump.twin) pumps = withTwin(pumps, pump.id, pump.twin);
    this.pumps = pumps;
  });

  /** Subscribes to the station's pumps' twins; returns the unsubscribe. */
  live(stationId: string): () => void {
    return this.#client.subscription<{ pumpTwinChanged: PumpTwin & { pumpId: string } }>(PUMP_TWIN_CHANGED, { stationId }).subscribe((result) => {
      this.liveError = result.error ? errorMessage(result.error) : null;
      const change = result.data?.pumpTwinChanged;
      if (!change) return;
      const { pumpId, ...twin } = change;
      this.pumps = withTwin(this.pumps, pumpId, twin);
    }).unsubscribe;
  }
}
