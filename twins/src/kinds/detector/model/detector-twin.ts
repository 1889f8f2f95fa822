import { withChanges, type AlarmChange, type AlarmSeverity, type OpenAlarm } from '../../../model/alarm';
import { markedStale } from '../../../model/connectivity';
import type { DeviceTwin } from '../../../model/device-twin';
import { effectiveTime, heardFrom, unheard, type SampleCursor } from '../../../model/sample-order';
import { gasAlarmHolds, type DetectorLevels } from './detector-levels';

/** A gas detector's twin: its last reading and fault bits, its alarms and connectivity. */
export interface DetectorTwinState extends DeviceTwin, SampleCursor {
  detectorId: string;
  /** Last concentration read, % LEL; null before the first reading. */
  lelPercent: number | null;
  /** Fault bits as the detector reports them (sensor, power, communication…); 0 for none, null before it said. */
  fault: number | null;
}

export interface DetectorSample {
  ts: Date;
  seq?: number;
  boot?: number;
  lelPercent?: number;
  fault?: number;
}

/** The detector's rules, by code: what each means and how urgent it is. */
export const detectorAlarmRules = {
  GAS_LEL_HIGH: { severity: 'MAJOR', message: 'Gas above the first alarm level' },
  GAS_LEL_HIGH_HIGH: { severity: 'CRITICAL', message: 'Gas above the second alarm level: shut-off valve closing' },
  DETECTOR_FAULT: { severity: 'MAJOR', message: 'The detector reports a fault: it may not detect gas' },
  DETECTOR_SILENT: { severity: 'MAJOR', message: 'The detector has stopped reporting: it may not detect gas' },
} as const satisfies Record<string, { severity: AlarmSeverity; message: string }>;
export type DetectorAlarmCode = keyof typeof detectorAlarmRules;

export const emptyDetectorTwin = (detectorId: string, tenantId: string): DetectorTwinState => ({
  ...unheard(tenantId),
  detectorId,
  lelPercent: null,
  fault: null,
});

/**
 * Applies one sample (pure). Gas alarms follow the levels with hysteresis; a fault bit raises
 * DETECTOR_FAULT; any sample proves the detector alive and clears DETECTOR_SILENT. A value the
 * sample leaves out keeps the last one (a fault report without a reading clears no gas alarm). A
 * late sample (older than the latest, docs/adr/0008-device-time.md) moves nothing and clears
 * nothing, but gas it shows is alarmed: a leak is a leak whatever the detector's clock says.
 */
export function applyDetectorSample(
  state: DetectorTwinState,
  levels: DetectorLevels,
  sample: DetectorSample,
  origin: { gatewayId: string; receivedAt: Date },
  newId: () => string,
): { state: DetectorTwinState; changes: AlarmChange[] } {
  const at = effectiveTime(sample.ts, origin.receivedAt);
  const late = state.reportedAt !== null && at < state.reportedAt;
  const read = { lelPercent: sample.lelPercent ?? state.lelPercent, fault: sample.fault ?? state.fault };
  const base = heardFrom(state, sample, origin);
  const wanted = wantedAlarms(state.alarms, read, levels);
  const changes = late ? raises(state.alarms, wanted, read, sample.ts, newId) : evaluate(state.alarms, wanted, read, sample.ts, newId);
  const alarms = withChanges(state.alarms, changes);
  if (late) return { state: { ...base, alarms }, changes };
  return { state: { ...base, lelPercent: read.lelPercent, fault: read.fault, reportedAt: at, alarms }, changes };
}

/** Silent past its timeout behind a live gateway: stale, and DETECTOR_SILENT raised (once). */
export function markDetectorSilent(state: DetectorTwinState, at: Date, newId: () => string): { twin: DetectorTwinState; alarms: AlarmChange[] } {
  const stale = markedStale(state);
  if (state.alarms.some((a) => a.code === 'DETECTOR_SILENT')) return { twin: stale, alarms: [] };
  const change: AlarmChange = { kind: 'raised', alarm: alarmOf('DETECTOR_SILENT', null, at, newId) };
  return { twin: { ...stale, alarms: withChanges(stale.alarms, [change]) }, alarms: [change] };
}

function wantedAlarms(open: OpenAlarm[], read: { lelPercent: number | null; fault: number | null }, levels: DetectorLevels): Set<DetectorAlarmCode> {
  const active = new Set(open.map((a) => a.code));
  const wanted = new Set<DetectorAlarmCode>();
  if (read.lelPercent === null) {
    // Nothing read yet: gas alarms stay as they are (a missing reading is never "no gas").
    for (const code of ['GAS_LEL_HIGH', 'GAS_LEL_HIGH_HIGH'] as const) if (active.has(code)) wanted.add(code);
  } else {
    if (gasAlarmHolds(read.lelPercent, levels.firstLel, active.has('GAS_LEL_HIGH'))) wanted.add('GAS_LEL_HIGH');
    if (gasAlarmHolds(read.lelPercent, levels.secondLel, active.has('GAS_LEL_HIGH_HIGH'))) wanted.add('GAS_LEL_HIGH_HIGH');
  }
  if ((read.fault ?? 0) !== 0) wanted.add('DETECTOR_FAULT');
  return wanted;
}

const valueOf = (code: DetectorAlarmCode, read: { lelPercent: number | null; fault: number | null }) =>
  code === 'DETECTOR_FAULT' ? read.fault : code === 'DETECTOR_SILENT' ? null : read.lelPercent;

function evaluate(
  open: OpenAlarm[],
  wanted: Set<DetectorAlarmCode>,
  read: { lelPercent: number | null; fault: number | null },
  at: Date,
  newId: () => string,
): AlarmChange[] {
  const changes: AlarmChange[] = [];
  for (const alarm of open) if (!wanted.has(alarm.code as DetectorAlarmCode)) changes.push({ kind: 'cleared', alarm, at });
  return [...changes, ...raises(open, wanted, read, at, newId)];
}

function raises(
  open: OpenAlarm[],
  wanted: Set<DetectorAlarmCode>,
  read: { lelPercent: number | null; fault: number | null },
  at: Date,
  newId: () => string,
): AlarmChange[] {
  const active = new Set(open.map((a) => a.code));
  return [...wanted].filter((code) => !active.has(code)).map((code) => ({ kind: 'raised', alarm: alarmOf(code, valueOf(code, read), at, newId) }));
}

const alarmOf = (code: DetectorAlarmCode, value: number | null, at: Date, newId: () => string): OpenAlarm => ({
  id: newId(),
  code,
  severity: detectorAlarmRules[code].severity,
  state: 'ACTIVE',
  message: detectorAlarmRules[code].message,
  value,
  raisedAt: at,
});
