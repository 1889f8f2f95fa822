import type { AlarmAssetKind, AlarmFilterInput, AlarmSeverity, AlarmState } from '$lib/api/types';

/**
 * What the alarm centre shows, kept in the URL's query so a link reproduces the view:
 * `?state=ACTIVE&severity=CRITICAL,MAJOR&kind=DETECTOR&site=<id>&since=8h&shelved=1`. A list left
 * empty selects any value; without `state` the list shows the alarms needing attention.
 */
export interface AlarmView {
  states: AlarmState[];
  severities: AlarmSeverity[];
  kinds: AlarmAssetKind[];
  siteId: string | null;
  /** A preset counted back from now (a link shows the last 8 hours whenever it is opened), or an ISO instant. */
  since: string | null;
  /** Shelved alarms only (true), or only those not shelved. */
  shelved: boolean;
}

export const ALARM_STATES: readonly AlarmState[] = ['ACTIVE', 'ACKNOWLEDGED', 'CLEARED_UNACKNOWLEDGED', 'CLEARED'];
export const ALARM_SEVERITIES: readonly AlarmSeverity[] = ['CRITICAL', 'MAJOR', 'MINOR', 'WARNING'];
export const ASSET_KINDS: readonly AlarmAssetKind[] = ['TANK', 'CYLINDER', 'PUMP', 'METER', 'DETECTOR', 'VALVE', 'GATEWAY'];
/** Needing attention: the condition holds or nobody acknowledged it (everything but CLEARED). */
export const DEFAULT_STATES: readonly AlarmState[] = ['ACTIVE', 'ACKNOWLEDGED', 'CLEARED_UNACKNOWLEDGED'];

const HOUR = 3_600_000;
export const SINCE_PRESETS = { '1h': HOUR, '8h': 8 * HOUR, '24h': 24 * HOUR, '7d': 7 * 24 * HOUR, '30d': 30 * 24 * HOUR } as const;
export type SincePreset = keyof typeof SINCE_PRESETS;
export const isSincePreset = (since: string | null): since is SincePreset => since !== null && Object.hasOwn(SINCE_PRESETS, since);

export const defaultAlarmView = (): AlarmView => ({ states: [...DEFAULT_STATES], severities: [], kinds: [], siteId: null, since: null, shelved: false });

/** The known values of a comma-separated list, in their canonical order; unknown ones are dropped. */
function listParam<T extends string>(params: URLSearchParams, name: string, known: readonly T[]): T[] | null {
  const raw = params.get(name);
  if (raw === null) return null;
  const given = new Set(raw.split(','));
  return known.filter((value) => given.has(value));
}

export function parseAlarmView(params: URLSearchParams): AlarmView {
  const since = params.get('since');
  return {
    states: listParam(params, 'state', ALARM_STATES) ?? [...DEFAULT_STATES],
    severities: listParam(params, 'severity', ALARM_SEVERITIES) ?? [],
    kinds: listParam(params, 'kind', ASSET_KINDS) ?? [],
    siteId: params.get('site') || null,
    since: since && (isSincePreset(since) || !Number.isNaN(Date.parse(since))) ? since : null,
    shelved: params.get('shelved') === '1',
  };
}

/** The query string (without `?`) of a view; the default view has none. */
export function alarmViewQuery(view: AlarmView): string {
  const params = new URLSearchParams();
  const canonical = <T extends string>(values: T[], known: readonly T[]) => known.filter((value) => values.includes(value)).join(',');
  const states = canonical(view.states, ALARM_STATES);
  if (states !== DEFAULT_STATES.join(',')) params.set('state', states);
  if (view.severities.length) params.set('severity', canonical(view.severities, ALARM_SEVERITIES));
  if (view.kinds.length) params.set('kind', canonical(view.kinds, ASSET_KINDS));
  if (view.siteId) params.set('site', view.siteId);
  if (view.since) params.set('since', view.since);
  if (view.shelved) params.set('shelved', '1');
  // Commas and colons read better in a link than their escapes, and mean nothing special in a query value.
  return params.toString().replace(/%2C/gi, ',').replace(/%3A/gi, ':');
}

/** The instant a view's "raised since" stands for at `now`, or null for any time. */
export function sinceInstant(since: string | null, now: number): string | null {
  if (!since) return null;
  if (isSincePreset(since)) return new Date(now - SINCE_PRESETS[since]).toISOString();
  const at = Date.parse(since);
  return Number.isNaN(at) ? null : new Date(at).toISOString();
}

/** The `alarms(filter:)` argument of a view at `now`. */
export function toAlarmFilter(view: AlarmView, now: number): AlarmFilterInput {
  const filter: AlarmFilterInput = { shelved: view.shelved };
  if (view.states.length) filter.states = view.states;
  if (view.severities.length) filter.severities = view.severities;
  if (view.kinds.length) filter.assetKinds = view.kinds;
  if (view.siteId) filter.siteIds = [view.siteId];
  const since = sinceInstant(view.since, now);
  if (since) filter.since = since;
  return filter;
}

/** An ISO instant as an `<input type="datetime-local">` value, in the browser's time zone; empty when there is none. */
export function toLocalInput(iso: string | null): string {
  if (!iso || isSincePreset(iso)) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}`;
}

/** An `<input type="datetime-local">` value (local time) as an ISO instant; null when empty or invalid. */
export function fromLocalInput(value: string): string | null {
  const at = value ? new Date(value).getTime() : NaN;
  return Number.isNaN(at) ? null : new Date(at).toISOString();
}
