import type { AlarmChange, OpenAlarm } from './alarm';

/** The live state of an IoT gateway: whether it is connected, since when, and its alarms. */
export interface GatewayTwinState {
  gatewayId: string;
  tenantId: string;
  online: boolean;
  /** When it last went online or offline. */
  since: Date | null;
  /** When it was last heard from (connection, status or any message). */
  lastSeenAt: Date | null;
  version: number;
  alarms: OpenAlarm[];
  /**
   * The twins instance holding its MQTT connection, or the last one that did (ADR 0014): it does
   * the gateway's connectivity work. Null before its first connection.
   */
  holder: string | null;
}

export const GATEWAY_OFFLINE = 'GATEWAY_OFFLINE';

export const emptyGatewayTwin = (gatewayId: string, tenantId: string): GatewayTwinState => ({
  gatewayId,
  tenantId,
  online: false,
  since: null,
  lastSeenAt: null,
  version: 0,
  alarms: [],
  holder: null,
});

/** A gateway came or went. Coming back clears its GATEWAY_OFFLINE alarm; going raises none yet (see `offlineAlarm`). */
export function applyGatewayStatus(state: GatewayTwinState, online: boolean, at: Date): { state: GatewayTwinState; changes: AlarmChange[] } {
  const lastSeenAt = state.lastSeenAt && state.lastSeenAt > at ? state.lastSeenAt : at;
  if (state.online === online) return { state: { ...state, lastSeenAt }, changes: [] };
  const cleared = online ? state.alarms.filter((a) => a.code === GATEWAY_OFFLINE) : [];
  return {
    state: { ...state, online, since: at, lastSeenAt, version: state.version + 1, alarms: state.alarms.filter((a) => !cleared.includes(a)) },
    changes: cleared.map((alarm) => ({ kind: 'cleared', alarm, at })),
  };
}

/**
 * One alarm per gateway, not one per device behind it (DESIGN §4: no alarm storms), raised once
 * the gateway has been offline for `afterMs` (a duration condition: a reconnect within it, such
 * as a restart of the twins service, raises nothing).
 */
export function offlineAlarm(state: GatewayTwinState, now: Date, afterMs: number, devices: number, newId: () => string): AlarmChange | null {
  if (state.online || !state.since || state.alarms.some((a) => a.code === GATEWAY_OFFLINE)) return null;
  if (now.getTime() - state.since.getTime() < afterMs) return null;
  const behind = devices === 1 ? '1 device behind it is' : `${devices} devices behind it are`;
  return {
    kind: 'raised',
    alarm: {
      id: newId(),
      code: GATEWAY_OFFLINE,
      severity: 'MAJOR',
      state: 'ACTIVE',
      message: `Gateway offline: ${behind} not reporting`,
      value: null,
      raisedAt: state.since,
    },
  };
}

export function withAlarm(state: GatewayTwinState, change: AlarmChange): GatewayTwinState {
  const alarms = change.kind === 'raised' ? [...state.alarms, change.alarm] : state.alarms.filter((a) => a.id !== change.alarm.id);
  return { ...state, alarms, version: state.version + 1 };
}
