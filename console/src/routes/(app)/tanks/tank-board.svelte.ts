import { CombinedError, type Client, type OperationResult } from '@urql/core';
import { errorMessage } from '$lib/api/errors';
import { TANKS_PAGE, TANK_TWIN_CHANGED } from '$lib/api/queries';
import { m } from '$paraglide/messages';
import type { Tank, TankTwin, TanksPage, TankTwinChanged } from '$lib/api/types';

const PAGE_SIZE = 100;
const RETRY_MS = 5_000;

export interface SiteGroup {
  id: string;
  name: string;
  tanks: Tank[];
}

/**
 * Page state for /tanks: every tank keyed by id, loaded page by page, then kept current by
 * one tankTwinChanged subscription. Kept in $state rather than urql's cache so a twin event
 * re-renders exactly the card it belongs to.
 */
export class TankBoard {
  tanks: Record<string, Tank> = $state({});
  /** 'loading' until the first full load; afterwards stale data stays visible on errors. */
  status: 'loading' | 'ready' | 'error' = $state('loading');
  error: string | null = $state(null);
  /** True when the gateway could not be reached at all, as opposed to answering with errors. */
  unreachable = $state(false);
  nextRetryAt: number | null = $state(null);
  liveError: string | null = $state(null);

  /** A string, so re-loading the same tanks does not re-subscribe. */
  idsKey = $derived(JSON.stringify(Object.keys(this.tanks).sort()));
  groups: SiteGroup[] = $derived(groupBySite(Object.values(this.tanks)));

  #client: Client;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #stopped = false;

  constructor(client: Client) {
    this.#client = client;
  }

  /** Loads now and keeps retrying while the gateway is unreachable; returns the cleanup. */
  start(): () => void {
    this.#stopped = false;
    void this.refresh();
    return () => {
      this.#stopped = true;
      clearTimeout(this.#retryTimer);
    };
  }

  async refresh(): Promise<void> {
    clearTimeout(this.#retryTimer);
    this.nextRetryAt = null;
    try {
      const loaded = await this.#loadAll();
      if (this.#stopped) return;
      // A live event may have landed while the pages were loading; keep whichever is newer.
      for (const tank of loaded) tank.twin = newer(this.tanks[tank.id]?.twin ?? null, tank.twin);
      this.tanks = Object.fromEntries(loaded.map((t) => [t.id, t]));
      this.status = 'ready';
      this.error = null;
      this.unreachable = false;
    } catch (err) {
      if (this.#stopped) return;
      if (this.status !== 'ready') this.status = 'error';
      this.error = errorMessage(err);
      this.unreachable = err instanceof CombinedError && Boolean(err.networkError);
      this.nextRetryAt = Date.now() + RETRY_MS;
      this.#retryTimer = setTimeout(() => void this.refresh(), RETRY_MS);
    }
  }

  async #loadAll(): Promise<Tank[]> {
    const all: Tank[] = [];
    let after: string | null = null;
    for (;;) {
      const result: OperationResult<TanksPage> = await this.#client
        .query<TanksPage>(TANKS_PAGE, { first: PAGE_SIZE, after }, { requestPolicy: 'network-only' })
        .toPromise();
      if (result.error) throw result.error;
      if (!result.data) throw new Error(m.error_no_data());
      const { edges, pageInfo } = result.data.tanks;
      all.push(...edges.map((e) => e.node));
      if (!pageInfo.hasNextPage || !pageInfo.endCursor) return all;
      after = pageInfo.endCursor;
    }
  }

  /** One subscription for all tanks on the page; returns the unsubscribe. */
  subscribe(tankIds: string[]): () => void {
    const { unsubscribe } = this.#client.subscription<TankTwinChanged>(TANK_TWIN_CHANGED, { tankIds }).subscribe((result) => {
      if (result.error) {
        this.liveError = result.error.message;
        return;
      }
      this.liveError = null;
      const event = result.data?.tankTwinChanged;
      const tank = event && this.tanks[event.id];
      if (tank) tank.twin = newer(tank.twin, event.twin);
    });
    return unsubscribe;
  }
}

/** Twins carry a version bumped on every change (DESIGN §4); never let an older one win. */
function newer(current: TankTwin | null, incoming: TankTwin | null): TankTwin | null {
  if (!current || !incoming) return incoming ?? current;
  return incoming.version >= current.version ? incoming : current;
}

function groupBySite(tanks: Tank[]): SiteGroup[] {
  const bySite = new Map<string, SiteGroup>();
  for (const tank of tanks) {
    let group = bySite.get(tank.site.id);
    if (!group) bySite.set(tank.site.id, (group = { id: tank.site.id, name: tank.site.name, tanks: [] }));
    group.tanks.push(tank);
  }
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, undefined, { numeric: true });
  for (const group of bySite.values()) group.tanks.sort(byName);
  return [...bySite.values()].sort(byName);
}
