import type { MeterFilterInput, MeterKind, RelayState } from '$lib/api/metering-types';

/**
 * What the meters page shows, kept in the URL so a link reproduces it and Back undoes a step:
 * `?tab=low&q=B1&site=<id>&kind=ELECTRICITY&low=1&protected=1&relay=OPEN&meter=<id>`. The low-balance
 * tab is the supervisors' morning list (every meter at or below alarm 1, lowest balance first); the
 * policy tab the company's supply policy.
 */
export type MetersTab = 'all' | 'low' | 'policy';

export interface MeterView {
  tab: MetersTab;
  search: string;
  site: string | null;
  kind: MeterKind | null;
  low: boolean;
  protected: boolean;
  relay: RelayState | null;
  /** The meter open in the panel. */
  selected: string | null;
}

const TABS: readonly MetersTab[] = ['all', 'low', 'policy'];
const KINDS: readonly MeterKind[] = ['ELECTRICITY', 'GAS'];
const RELAYS: readonly RelayState[] = ['OPEN', 'CLOSED'];
const pick = <T extends string>(values: readonly T[], value: string | null): T | null => values.find((v) => v === value) ?? null;

export function parseMeterView(params: URLSearchParams): MeterView {
  return {
    tab: pick(TABS, params.get('tab')) ?? 'all',
    search: params.get('q')?.trim() ?? '',
    site: params.get('site') || null,
    kind: pick(KINDS, params.get('kind')),
    low: params.get('low') === '1',
    protected: params.get('protected') === '1',
    relay: pick(RELAYS, params.get('relay')),
    selected: params.get('meter') || null,
  };
}

/** The query string (without `?`) of a view; the whole list has none. */
export function meterViewQuery(view: MeterView): string {
  const params = new URLSearchParams();
  if (view.tab !== 'all') params.set('tab', view.tab);
  if (view.search.trim()) params.set('q', view.search.trim());
  if (view.site) params.set('site', view.site);
  if (view.kind) params.set('kind', view.kind);
  if (view.low) params.set('low', '1');
  if (view.protected) params.set('protected', '1');
  if (view.relay) params.set('relay', view.relay);
  if (view.selected) params.set('meter', view.selected);
  return params.toString();
}

/** The `meters(filter:)` argument of a view: the low-balance tab lists every low meter of the site and kind chosen. */
export function toMeterFilter(view: MeterView): MeterFilterInput | null {
  const filter: MeterFilterInput = {};
  if (view.site) filter.siteId = view.site;
  if (view.kind) filter.kind = view.kind;
  if (view.tab === 'low') return { ...filter, lowBalance: true };
  if (view.search.trim()) filter.search = view.search.trim();
  if (view.low) filter.lowBalance = true;
  if (view.protected) filter.protected = true;
  if (view.relay) filter.relay = view.relay;
  return Object.keys(filter).length ? filter : null;
}

/** The list's part of a view, to read the list again only when it changes (not when a meter is opened). */
export const listKey = (view: MeterView): string => JSON.stringify([view.tab, toMeterFilter(view)]);
