import { calendarDayIn } from '@hearth/platform/domain';
import { withChanges, type AlarmChange, type AlarmSeverity, type OpenAlarm } from '../../../model/alarm';
import type { DeviceTwin } from '../../../model/device-twin';
import { effectiveTime, heardFrom, unheard, type SampleCursor } from '../../../model/sample-order';
import { expiryOf, remainingGas, type CylinderFacts } from './cylinder-facts';

/** A connected cylinder's twin (a smart base or tracker weighing it): its gas, its battery, the registry facts it was judged by. */
export interface CylinderTwinState extends DeviceTwin, SampleCursor {
  cylinderId: string;
  /** Last weight on the base, kg; null before the first reading. */
  grossKg: number | null;
  remainingKg: number | null;
  remainingPercent: number | null;
  /** The device's battery, %; null until it says. */
  batteryPercent: number | null;
  /** The registry's facts as of the last reading (the GraphQL twin shows the current ones). */
  facts: CylinderFacts | null;
}

export interface CylinderSample {
  ts: Date;
  seq?: number;
  boot?: number;
  grossKg?: number;
  batteryPercent?: number;
}

/** The cylinder's rules, by code: what each means and how urgent it is. */
export const cylinderAlarmRules = {
  CYLINDER_GAS_LOW: { severity: 'MINOR', message: 'Less than 10 % of a full fill left: a delivery is due' },
  CYLINDER_EXPIRED_IN_USE: { severity: 'MAJOR', message: 'A cylinder past its inspection date or design life is in use: take it back' },
  CYLINDER_BATTERY_LOW: { severity: 'WARNING', message: 'The cylinder’s device battery is low: replace it before it stops reporting' },
} as const satisfies Record<string, { severity: AlarmSeverity; message: string }>;
export type CylinderAlarmCode = keyof typeof cylinderAlarmRules;

/** Gas low below 10 % of the maximum fill, cleared only above 15 %: a base that rocks with a pan on the stove does not flap. */
export const GAS_LOW_PERCENT = 10;
export const GAS_LOW_CLEAR_PERCENT = 15;
/** Battery low below 15 %, clear again at 20 % (a cold night lowers a cell's voltage for hours). */
export const BATTERY_LOW_PERCENT = 15;
export const BATTERY_LOW_CLEAR_PERCENT = 20;

export const emptyCylinderTwin = (cylinderId: string, tenantId: string): CylinderTwinState => ({
  ...unheard(tenantId),
  cylinderId,
  grossKg: null,
  remainingKg: null,
  remainingPercent: null,
  batteryPercent: null,
  facts: null,
});

/**
 * Applies one sample (pure), judged with the registry's facts as they are now (null: unknown, or
 * another tenant's). A value the sample leaves out keeps the last one. A late sample (older than
 * the latest, docs/adr/0008-device-time.md) proves the device alive and changes nothing else:
 * the weight it carries was already used up.
 */
export function applyCylinderSample(
  state: CylinderTwinState,
  facts: CylinderFacts | null,
  sample: CylinderSample,
  origin: { gatewayId: string; receivedAt: Date },
  newId: () => string,
): { state: CylinderTwinState; changes: AlarmChange[] } {
  const at = effectiveTime(sample.ts, origin.receivedAt);
  const base = heardFrom(state, sample, origin);
  if (state.reportedAt !== null && at < state.reportedAt) return { state: base, changes: [] };
  const grossKg = sample.grossKg ?? state.grossKg;
  const batteryPercent = sample.batteryPercent ?? state.batteryPercent;
  const next: CylinderTwinState = { ...base, grossKg, batteryPercent, ...remainingGas(grossKg, facts), facts, reportedAt: at };
  const changes = evaluate(next, calendarDayIn(at), sample.ts, newId);
  return { state: { ...next, alarms: withChanges(state.alarms, changes) }, changes };
}

/** What each rule wants of a twin: raised, cleared, or kept as it is (nothing known to decide by). */
function wanted(twin: CylinderTwinState, today: string): Record<CylinderAlarmCode, boolean | 'keep'> {
  const open = new Set(twin.alarms.map((a) => a.code));
  const { facts, remainingKg, remainingPercent, batteryPercent } = twin;
  return {
    // Only a cylinder a customer is using needs a delivery: empties in stock are empty on purpose.
    CYLINDER_GAS_LOW:
      remainingPercent === null || !facts
        ? 'keep'
        : facts.state === 'AT_CUSTOMER' && (open.has('CYLINDER_GAS_LOW') ? remainingPercent <= GAS_LOW_CLEAR_PERCENT : remainingPercent < GAS_LOW_PERCENT),
    // DOMAIN "expired cylinders still in use": gas in a cylinder that may not be filled or used any more.
    CYLINDER_EXPIRED_IN_USE: remainingKg === null || !facts ? 'keep' : remainingKg > 0 && expiryOf(facts, today) !== null,
    CYLINDER_BATTERY_LOW:
      batteryPercent === null ? 'keep' : batteryPercent < (open.has('CYLINDER_BATTERY_LOW') ? BATTERY_LOW_CLEAR_PERCENT : BATTERY_LOW_PERCENT),
  };
}

function evaluate(twin: CylinderTwinState, today: string, at: Date, newId: () => string): AlarmChange[] {
  const changes: AlarmChange[] = [];
  for (const [code, want] of Object.entries(wanted(twin, today)) as [CylinderAlarmCode, boolean | 'keep'][]) {
    const alarm = twin.alarms.find((a) => a.code === code);
    if (want === true && !alarm) changes.push({ kind: 'raised', alarm: alarmOf(code, valueOf(code, twin), at, newId) });
    if (want === false && alarm) changes.push({ kind: 'cleared', alarm, at });
  }
  return changes;
}

const valueOf = (code: CylinderAlarmCode, twin: CylinderTwinState): number | null =>
  code === 'CYLINDER_BATTERY_LOW' ? twin.batteryPercent : code === 'CYLINDER_GAS_LOW' ? twin.remainingPercent : twin.remainingKg;

const alarmOf = (code: CylinderAlarmCode, value: number | null, at: Date, newId: () => string): OpenAlarm => ({
  id: newId(),
  code,
  severity: cylinderAlarmRules[code].severity,
  state: 'ACTIVE',
  message: cylinderAlarmRules[code].message,
  value,
  raisedAt: at,
});
