import type { Client } from '@urql/core';
import { ALARMS_PAGE } from '$lib/api/alarm-queries';
import { errorMessage } from '$lib/api/errors';
import { FUEL_ANOMALIES } from '$lib/api/fuel-sales-queries';
import type { FuelAnomalyReport } from '$lib/api/fuel-sales-types';
import type { AlarmEntry, AlarmsPage } from '$lib/api/types';
import { m } from '$paraglide/messages';

/** As many flagged sales as one read may list within the gateway's cost limit. */
const FLAGGED_SALES = 40;
const PUMP_ALARMS = 50;

/**
 * The anomalies tab: the day's sales the anomaly rules flagged (counts per rule, the sales), and
 * the pumps' own alarms raised since the day began (a totaliser gap, fuel flowing unauthorised).
 */
export class SalesAnomalies {
  report: FuelAnomalyReport | null = $state(null);
  status: 'loading' | 'ready' | 'error' = $state('loading');
  error: string | null = $state(null);
  alarms: AlarmEntry[] = $state([]);
  alarmsError: string | null = $state(null);
  #client: Client;
  #generation = 0;

  constructor(client: Client) {
    this.#client = client;
  }

  /** `dayStart`: the day's first instant in the company's calendar. */
  async load(day: string, dayStart: string, stationId: string | null): Promise<void> {
    const generation = ++this.#generation;
    this.status = 'loading';
    const filter = { kinds: ['PUMP'], since: dayStart, ...(stationId ? { siteIds: [stationId] } : {}) };
    const [report, alarms] = await Promise.all([
      this.#client
        .query<{ fuelAnomalies: FuelAnomalyReport }>(FUEL_ANOMALIES, { day, stationId, first: FLAGGED_SALES }, { requestPolicy: 'network-only' })
        .toPromise(),
      this.#client.query<AlarmsPage>(ALARMS_PAGE, { filter, first: PUMP_ALARMS, after: null }, { requestPolicy: 'network-only' }).toPromise(),
    ]);
    if (generation !== this.#generation) return;
    this.alarmsError = alarms.error ? errorMessage(alarms.error) : null;
    // The sale rules' own alarms (FUEL_SALE_*) repeat the flagged sales above: the pumps' alarms only.
    this.alarms = (alarms.data?.alarms.edges.map((e) => e.node) ?? []).filter((a) => a.code.startsWith('PUMP_'));
    if (report.error || !report.data) {
      this.error = report.error ? errorMessage(report.error) : m.error_no_data();
      this.status = 'error';
      return;
    }
    this.report = report.data.fuelAnomalies;
    this.error = null;
    this.status = 'ready';
  }
}
