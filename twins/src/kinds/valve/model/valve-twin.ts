import { withChanges, type AlarmChange, type AlarmSeverity, type OpenAlarm } from '../../../model/alarm';
import type { DeviceTwin } from '../../../model/device-twin';
import { effectiveTime, heardFrom, unheard, type SampleCursor } from '../../../model/sample-order';

/** What an operator or an interlock asked the valve to be, and the command that carries it. */
export interface DesiredOpen {
  value: boolean;
  commandId: string;
  at: Date;
}

/**
 * A safety interlock holding the valve closed: the gas detector whose second-level alarm tripped
 * it, when, and the close command it sent. It holds until an operator opens the valve, which is
 * allowed only once that detector reads below its first level again (`mayReopen`).
 */
export interface ValveInterlock {
  detectorId: string;
  trippedAt: Date;
  commandId: string;
  /** The concentration that tripped it, % LEL. */
  lelPercent: number | null;
  /** When the valve first reported itself closed after the trip; null until then. */
  closedAt: Date | null;
}

/** A gas shut-off valve's twin: reported position and faults, desired position, interlock. */
export interface ValveTwinState extends DeviceTwin, SampleCursor {
  valveId: string;
  /** Reported position: true = open; null before it said. */
  open: boolean | null;
  fault: number | null;
  desired: { open?: DesiredOpen };
  interlock: ValveInterlock | null;
}

export interface ValveSample {
  ts: Date;
  seq?: number;
  boot?: number;
  open?: boolean;
  fault?: number;
}

export const valveAlarmRules = {
  // DESIGN §4: a device that acts against its interlock raises a CRITICAL alarm (opened by hand, a bypass).
  VALVE_OPEN_AGAINST_INTERLOCK: { severity: 'CRITICAL', message: 'The valve reports open while its gas interlock holds it closed' },
  VALVE_FAULT: { severity: 'MAJOR', message: 'The valve reports a fault: it may not close on demand' },
} as const satisfies Record<string, { severity: AlarmSeverity; message: string }>;
type ValveAlarmCode = keyof typeof valveAlarmRules;

export const emptyValveTwin = (valveId: string, tenantId: string): ValveTwinState => ({
  ...unheard(tenantId),
  valveId,
  open: null,
  fault: null,
  desired: {},
  interlock: null,
});

/**
 * Applies one sample (pure). A valve that reports closed after its interlock tripped confirms the
 * trip (`closedAt`); one that reports open after that was opened against the interlock. A late
 * sample moves nothing.
 */
export function applyValveSample(
  state: ValveTwinState,
  sample: ValveSample,
  origin: { gatewayId: string; receivedAt: Date },
  newId: () => string,
): { state: ValveTwinState; changes: AlarmChange[] } {
  const at = effectiveTime(sample.ts, origin.receivedAt);
  const late = state.reportedAt !== null && at < state.reportedAt;
  const base = heardFrom(state, sample, origin);
  if (late) return { state: base, changes: [] };
  const open = sample.open ?? state.open;
  const fault = sample.fault ?? state.fault;
  const interlock = state.interlock && open === false && !state.interlock.closedAt ? { ...state.interlock, closedAt: at } : state.interlock;
  const wanted = new Set<ValveAlarmCode>();
  if (interlock?.closedAt && open === true) wanted.add('VALVE_OPEN_AGAINST_INTERLOCK');
  if ((fault ?? 0) !== 0) wanted.add('VALVE_FAULT');
  const changes = evaluate(state.alarms, wanted, open, fault, sample.ts, newId);
  return { state: { ...base, open, fault, interlock, reportedAt: at, alarms: withChanges(state.alarms, changes) }, changes };
}

/** The interlock trips: the valve is to close, by the given command, for the given detector. */
export const tripped = (valve: ValveTwinState, trip: Omit<ValveInterlock, 'closedAt' | 'trippedAt'>, at: Date): ValveTwinState => ({
  ...valve,
  desired: { open: { value: false, commandId: trip.commandId, at } },
  interlock: { ...trip, trippedAt: at, closedAt: valve.interlock?.closedAt ?? null },
  version: valve.version + 1,
});

/**
 * An operator's OPEN or CLOSE. Opening ends the interlock (the caller checked `mayReopen`) and with
 * it any VALVE_OPEN_AGAINST_INTERLOCK alarm's reason, cleared at its next report.
 */
export const operated = (valve: ValveTwinState, open: boolean, commandId: string, at: Date): ValveTwinState => ({
  ...valve,
  desired: { open: { value: open, commandId, at } },
  interlock: open ? null : valve.interlock,
  version: valve.version + 1,
});

/** A command ended without being carried out: what it asked goes, unless a later one asked again. The interlock stays. */
export const withdrawn = (valve: ValveTwinState, commandId: string): ValveTwinState =>
  valve.desired.open?.commandId === commandId ? { ...valve, desired: {}, version: valve.version + 1 } : valve;

function evaluate(
  open: OpenAlarm[],
  wanted: Set<ValveAlarmCode>,
  position: boolean | null,
  fault: number | null,
  at: Date,
  newId: () => string,
): AlarmChange[] {
  const active = new Set(open.map((a) => a.code));
  const changes: AlarmChange[] = [];
  for (const alarm of open) if (!wanted.has(alarm.code as ValveAlarmCode)) changes.push({ kind: 'cleared', alarm, at });
  for (const code of wanted) {
    if (active.has(code)) continue;
    const value = code === 'VALVE_FAULT' ? fault : position === null ? null : Number(position);
    changes.push({
      kind: 'raised',
      alarm: { id: newId(), code, severity: valveAlarmRules[code].severity, state: 'ACTIVE', message: valveAlarmRules[code].message, value, raisedAt: at },
    });
  }
  return changes;
}
