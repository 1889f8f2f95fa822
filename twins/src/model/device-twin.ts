import type { OpenAlarm } from './alarm';

/**
 * What the core knows of every twin, whatever its kind: whose it is, which IoT gateway it last
 * reported through, whether it can be reached, and its version. The rest belongs to its kind.
 */
export interface DeviceTwin {
  tenantId: string;
  gatewayId: string | null;
  /** Reachable: its gateway is connected and it is not stale. */
  online: boolean;
  /** Its gateway is connected but it has been silent past its kind's timeout. */
  stale: boolean;
  lastSeenAt: Date | null;
  /** Bumped by every change. */
  version: number;
  alarms: OpenAlarm[];
}
