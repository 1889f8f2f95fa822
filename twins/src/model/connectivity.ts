import type { GatewayTwinState } from './gateway-twin';
import type { DeviceTwin } from './device-twin';

/**
 * Whether a device behind a live gateway has been silent too long. The clock starts at its last
 * message or at the moment its gateway came (back) online, whichever is later: a gateway that
 * reconnects after an outage gets a full timeout to bring its devices' data.
 */
export function isStale(
  twin: Pick<DeviceTwin, 'online' | 'stale' | 'lastSeenAt'>,
  gateway: GatewayTwinState | undefined,
  now: Date,
  staleAfterMs: number,
): boolean {
  if (!gateway?.online || twin.stale) return false;
  const since = Math.max(twin.lastSeenAt?.getTime() ?? 0, gateway.since?.getTime() ?? 0);
  return now.getTime() - since > staleAfterMs;
}

/** Its gateway went away: the device cannot be reached (staleness no longer applies). */
export const unreachable = <T extends DeviceTwin>(twin: T): T =>
  twin.online || twin.stale ? { ...twin, online: false, stale: false, version: twin.version + 1 } : twin;

/** Its gateway is back: reachable again, and the stale clock restarts. */
export const reachable = <T extends DeviceTwin>(twin: T): T =>
  twin.online && !twin.stale ? twin : { ...twin, online: true, stale: false, version: twin.version + 1 };

export const markedStale = <T extends DeviceTwin>(twin: T): T => ({ ...twin, online: false, stale: true, version: twin.version + 1 });
