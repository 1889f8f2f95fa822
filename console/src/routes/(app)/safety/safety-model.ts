import type { Detector, GasLevel, Valve } from '$lib/api/types';

/**
 * Pure state logic of the gas safety page: merging live events into what was loaded, grouping
 * by site, and telling an interlock refusal from other errors. Twins carry a version bumped on
 * every change (DESIGN §4), so an older one never replaces a newer one.
 */

const newerValve = (current: Valve | null, incoming: Valve | null): Valve | null =>
  current && incoming && current.id === incoming.id && current.twin.version > incoming.twin.version ? current : incoming;

/** A detector as loaded or sent by detectorChanged, over what the page holds of it. */
export function mergeDetector(current: Detector | undefined, incoming: Detector): Detector {
  if (!current) return incoming;
  return {
    ...incoming,
    twin: current.twin.version > incoming.twin.version ? current.twin : incoming.twin,
    valve: newerValve(current.valve, incoming.valve),
  };
}

/** A valveChanged event: the detectors bound to that valve take its twin, if newer. Null when none is bound to it. */
export function applyValve(detectors: Record<string, Detector>, valve: Valve): Record<string, Detector> | null {
  const bound = Object.values(detectors).filter((d) => d.valve?.id === valve.id);
  if (!bound.length) return null;
  return { ...detectors, ...Object.fromEntries(bound.map((d) => [d.id, { ...d, valve: newerValve(d.valve, valve) }])) };
}

export interface SiteGroup {
  /** Null for detectors with no site configured. */
  id: string | null;
  /** The site's name; its id when the name is unknown (no tanks domain), null without a site. */
  name: string | null;
  detectors: Detector[];
}

/** Detectors by site (by name, those without a site last), each site's by id: a stable order that live readings never reshuffle. */
export function groupBySite(detectors: Detector[], siteNames: Record<string, string>): SiteGroup[] {
  const groups = new Map<string | null, SiteGroup>();
  for (const detector of detectors) {
    const id = detector.siteId;
    let group = groups.get(id);
    if (!group) groups.set(id, (group = { id, name: id ? (siteNames[id] ?? id) : null, detectors: [] }));
    group.detectors.push(detector);
  }
  for (const group of groups.values()) group.detectors.sort((a, b) => a.id.localeCompare(b.id));
  return [...groups.values()].sort((a, b) => (a.name === null ? 1 : b.name === null ? -1 : a.name.localeCompare(b.name, undefined, { numeric: true })));
}

export interface SafetySummary {
  detectors: number;
  second: number;
  first: number;
  /** Faulty, silent or offline: their readings cannot be trusted. */
  trouble: number;
}

export const hasFault = (detector: Detector): boolean => (detector.twin.fault ?? 0) > 0;
export const inTrouble = (detector: Detector): boolean =>
  hasFault(detector) || detector.twin.stale || (!detector.twin.online && detector.twin.lastSeenAt !== null);

export function summarize(detectors: Detector[]): SafetySummary {
  const at = (level: GasLevel) => detectors.filter((d) => d.twin.level === level).length;
  return { detectors: detectors.length, second: at('SECOND'), first: at('FIRST'), trouble: detectors.filter(inTrouble).length };
}

/** Why operateValve refused to open: a gas interlock, with the detector and its reading (null: it cannot be read). */
export interface InterlockRefusal {
  detectorId: string;
  lelPercent: number | null;
}

/** The interlock refusal among a response's GraphQL errors, or null when it was refused for another reason. */
export function interlockRefusal(errors: readonly { extensions?: Record<string, unknown> | null }[]): InterlockRefusal | null {
  const refusal = errors.find((e) => e.extensions?.code === 'INTERLOCK_ACTIVE')?.extensions;
  if (!refusal) return null;
  const lelPercent = refusal.lelPercent;
  return {
    detectorId: typeof refusal.detectorId === 'string' ? refusal.detectorId : '',
    lelPercent: typeof lelPercent === 'number' && Number.isFinite(lelPercent) ? lelPercent : null,
  };
}
