import type { Client } from '@urql/core';
import { FUEL_STATIONS } from '$lib/api/fueling-queries';
import type { FuelStationSummary } from '$lib/api/fueling-types';
import { STATION_PUMPS } from '$lib/api/fuel-sales-queries';

/** The company's fuel stations and each one's pumps, to name them in sales and reports and to filter by them. */
export class FuelPlaces {
  stations: FuelStationSummary[] = $state([]);
  pumps: Map<string, { id: string; name: string }[]> = $state(new Map());
  error: string | null = $state(null);
  #client: Client;

  constructor(client: Client) {
    this.#client = client;
  }

  async load(): Promise<void> {
    const result = await this.#client.query<{ fuelStations: { edges: { node: FuelStationSummary }[] } }>(FUEL_STATIONS, {}).toPromise();
    if (result.error || !result.data) return void (this.error = result.error?.message ?? null);
    this.stations = result.data.fuelStations.edges.map((e) => e.node).sort((a, b) => a.site.name.localeCompare(b.site.name));
    const lists = await Promise.all(
      this.stations.map((s) => this.#client.query<{ pumps: { id: string; name: string }[] }>(STATION_PUMPS, { stationId: s.id }).toPromise()),
    );
    this.pumps = new Map(this.stations.map((s, i) => [s.id, lists[i]?.data?.pumps ?? []]));
  }

  stationName(id: string): string {
    return this.stations.find((s) => s.id === id)?.site.name ?? id;
  }

  pumpName(id: string): string {
    for (const pumps of this.pumps.values()) {
      const pump = pumps.find((p) => p.id === id);
      if (pump) return pump.name;
    }
    return id;
  }
}
