import type { Client } from '@urql/core';
import { CYLINDER_STOCK_AND_FLOWS } from '$lib/api/cylinder-queries';
import type { CylinderStock, SiteCylinderFlows, StockAndFlows } from '$lib/api/cylinder-types';
import { errorMessage } from '$lib/api/errors';
import { oneAtATime } from '$lib/api/one-at-a-time';
import { readAll } from '$lib/api/read-all';
import { SITES_PAGE } from '$lib/api/site-queries';
import type { SitesPage } from '$lib/api/types';
import { tradeDay } from '$lib/trade-day';
import { m } from '$paraglide/messages';

/** How often stock is read again: no event announces a change of it. */
export const STOCK_REFRESH_MS = 5_000;

/**
 * Page state for the stock board: stock by site and spec and today's flows, read again every few
 * seconds from the network (the console keeps no cache), with the time of the last good read.
 */
export class StockBoard {
  stock: CylinderStock | null = $state(null);
  flows: SiteCylinderFlows[] = $state([]);
  /** The trade day the flows are of. */
  day = $state(tradeDay());
  status: 'loading' | 'ready' | 'error' = $state('loading');
  error: string | null = $state(null);
  /** When the shown numbers were read (ms). */
  updatedAt: number | null = $state(null);

  /** Site names by id (the tanks domain's); a site not read yet shows as its id. */
  siteNames: Map<string, string> = $state(new Map());

  #client: Client;

  constructor(client: Client) {
    this.#client = client;
  }

  readonly refresh: () => Promise<void> = oneAtATime(async () => {
    const day = tradeDay();
    const result = await this.#client.query<StockAndFlows>(CYLINDER_STOCK_AND_FLOWS, { day }, { requestPolicy: 'network-only' }).toPromise();
    if (result.error || !result.data) {
      this.error = result.error ? errorMessage(result.error) : m.error_no_data();
      if (this.status === 'loading') this.status = 'error';
      return;
    }
    this.stock = result.data.cylinderStock;
    this.flows = result.data.cylinderFlows;
    this.day = day;
    this.error = null;
    this.status = 'ready';
    this.updatedAt = Date.now();
  });

  /** Reads now and every STOCK_REFRESH_MS; returns the stop. */
  poll(): () => void {
    void this.refresh();
    const timer = setInterval(() => void this.refresh(), STOCK_REFRESH_MS);
    return () => clearInterval(timer);
  }

  async loadSites(): Promise<void> {
    try {
      const sites = await readAll(this.#client, SITES_PAGE, (d: SitesPage) => d.sites, 200);
      this.siteNames = new Map(sites.map((s) => [s.id, s.name]));
    } catch {
      // rows show site ids
    }
  }

  siteName(id: string): string {
    return this.siteNames.get(id) ?? id;
  }
}
