import type { Client } from '@urql/core';
import { errorMessage } from '$lib/api/errors';
import { FUEL_SALES_REPORT, WET_STOCK } from '$lib/api/fuel-sales-queries';
import type { FuelSalesReport, WetStockAnswer } from '$lib/api/fuel-sales-types';
import { m } from '$paraglide/messages';
import type { ReportPeriod } from './sales-view';

/** The reports tab: the period's totals by station and grade and by shift, and (a station chosen) the day's wet-stock reconciliation. */
export class SalesReports {
  report: FuelSalesReport | null = $state(null);
  status: 'loading' | 'ready' | 'error' = $state('loading');
  error: string | null = $state(null);
  wetStock: WetStockAnswer | null = $state(null);
  wetStockError: string | null = $state(null);
  #client: Client;
  #generation = 0;

  constructor(client: Client) {
    this.#client = client;
  }

  async load(day: string, period: ReportPeriod, stationId: string | null): Promise<void> {
    const generation = ++this.#generation;
    this.status = 'loading';
    const [report, wet] = await Promise.all([
      this.#client.query<FuelSalesReport>(FUEL_SALES_REPORT, { day, period, stationId }, { requestPolicy: 'network-only' }).toPromise(),
      stationId ? this.#client.query<WetStockAnswer>(WET_STOCK, { day, stationId }, { requestPolicy: 'network-only' }).toPromise() : null,
    ]);
    if (generation !== this.#generation) return;
    this.wetStock = wet?.data ?? null;
    this.wetStockError = wet?.error ? errorMessage(wet.error) : null;
    if (report.error || !report.data) {
      this.error = report.error ? errorMessage(report.error) : m.error_no_data();
      this.status = 'error';
      return;
    }
    this.report = report.data;
    this.error = null;
    this.status = 'ready';
  }
}
