import type { Pump, PumpTwin } from '$lib/api/fueling-types';

/**
 * The station's pumps with one pump's twin as an event reports it. A pump the page does not show
 * (registered after the read) is left out, and an older version never replaces a newer one:
 * events and the station's read may cross on the way.
 */
export function withTwin(pumps: Pump[], pumpId: string, twin: PumpTwin): Pump[] {
  const pump = pumps.find((p) => p.id === pumpId);
  if (!pump || (pump.twin && twin.version < pump.twin.version)) return pumps;
  return pumps.map((p) => (p === pump ? { ...p, twin } : p));
}

/** Whether fuel is (or was just) measured: the running figures are shown while a sale is under way. */
export function saleUnderWay(twin: PumpTwin | null): boolean {
  if (!twin) return false;
  return twin.volumeMl !== null || twin.amountMinor !== null;
}
