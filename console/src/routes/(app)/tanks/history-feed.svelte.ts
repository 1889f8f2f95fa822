import type { Client } from '@urql/core';
import { TANK_HISTORY } from '$lib/api/queries';
import { m } from '$paraglide/messages';
import type { TankHistory, TankReading, TankTwin } from '$lib/api/types';

export const HISTORY_WINDOW_MS = 6 * 60 * 60 * 1000;
const REFRESH_MS = 60_000;

/**
 * The last six hours of one tank's readings: fetched from the twin's history (the server
 * picks the resolution, AUTO), refetched every minute so the aggregates catch up, and extended
 * in between by the live events the board already receives.
 */
export class HistoryFeed {
  points: TankReading[] = $state([]);
  status: 'loading' | 'ready' | 'error' = $state('loading');
  error: string | null = $state(null);
  /** End of the window (ms); moves with refreshes and live events. */
  to = $state(Date.now());

  readonly tankId: string;
  #client: Client;

  constructor(client: Client, tankId: string) {
    this.#client = client;
    this.tankId = tankId;
  }

  start(): () => void {
    void this.refresh();
    const timer = setInterval(() => void this.refresh(), REFRESH_MS);
    return () => clearInterval(timer);
  }

  async refresh(): Promise<void> {
    const to = Date.now();
    const variables = { id: this.tankId, from: new Date(to - HISTORY_WINDOW_MS).toISOString(), to: new Date(to).toISOString() };
    const result = await this.#client.query<TankHistory>(TANK_HISTORY, variables, { requestPolicy: 'network-only' }).toPromise();
    if (result.error || !result.data) {
      // Keep the last good chart on screen; the error is shown beside it.
      this.error = result.error?.message ?? m.error_no_data();
      if (this.status === 'loading') this.status = 'error';
      return;
    }
    const fetched = result.data.tank?.twin?.history ?? [];
    // Live points newer than the fetched range are not in the response yet; keep them.
    const lastFetched = timeOf(fetched.at(-1));
    const pending = this.points.filter((p) => Date.parse(p.at) > lastFetched);
    this.points = [...fetched, ...pending];
    this.to = Math.max(to, this.to);
    this.status = 'ready';
    this.error = null;
  }

  /** Appends a live twin state as a point, if it is newer than what the chart has. */
  extend(twin: TankTwin): void {
    if (!twin.reportedAt) return;
    const at = Date.parse(twin.reportedAt);
    if (timeOf(this.points.at(-1)) >= at) return;
    const { levelMm, volumeLiters, fillPercent, temperatureC } = twin;
    this.points.push({ at: twin.reportedAt, levelMm, volumeLiters, fillPercent, temperatureC });
    this.to = Math.max(this.to, at);
    const from = this.to - HISTORY_WINDOW_MS;
    if (timeOf(this.points[0]) < from) {
      this.points = this.points.filter((p) => Date.parse(p.at) >= from);
    }
  }
}

function timeOf(point: TankReading | undefined): number {
  return point ? Date.parse(point.at) : -Infinity;
}
