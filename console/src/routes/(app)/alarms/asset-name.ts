import type { AlarmEntry } from '$lib/api/types';
import { assetKindLabel } from '$lib/labels';

/**
 * How an alarm row names its asset: a tank by its name (when the viewer may read tanks);
 * detectors, valves and gateways by their kind and id, which is all the API knows of them.
 */
export function assetName(alarm: Pick<AlarmEntry, 'assetKind' | 'assetId'>, tankNames: Record<string, string>): { name: string | null; kind: string } {
  return { name: alarm.assetKind === 'TANK' ? (tankNames[alarm.assetId] ?? null) : null, kind: assetKindLabel(alarm.assetKind) };
}

/** The asset in one phrase, for announcements: "Bullet A1", or "gas detector 6f1c…". */
export function assetText(alarm: Pick<AlarmEntry, 'assetKind' | 'assetId'>, tankNames: Record<string, string>): string {
  const { name, kind } = assetName(alarm, tankNames);
  return name ?? `${kind} ${alarm.assetId}`;
}
