import type { AlarmChange, AlarmSeverity, OpenAlarm } from '../../../model/alarm';
import type { TotalizerGap } from './totalizer-chain';

export const pumpAlarmRules = {
  // DOMAIN (Fueling, anomaly rules): a sale that does not start where the nozzle's last one ended is
  // fuel drawn off the record (or a meter tampered with); it needs a person, not a retry.
  PUMP_TOTALIZER_GAP: { severity: 'MAJOR', message: 'A sale did not start where the previous sale on its nozzle ended' },
  // DESIGN §4: a device that acts against its interlock raises a CRITICAL alarm. Fuel flowing with no
  // card host's AUTHORIZE for that nozzle is the interlock bypassed (IFSF: FUELLING only after Release_FP).
  PUMP_DISPENSING_UNAUTHORISED: { severity: 'CRITICAL', message: 'The pump is dispensing on a nozzle the card host did not authorise' },
} as const satisfies Record<string, { severity: AlarmSeverity; message: string }>;
export type PumpAlarmCode = keyof typeof pumpAlarmRules;

export const openAlarm = (alarms: OpenAlarm[], code: PumpAlarmCode): OpenAlarm | undefined => alarms.find((a) => a.code === code);

export function raised(code: PumpAlarmCode, at: Date, value: number | null, newId: () => string, message: string = pumpAlarmRules[code].message): AlarmChange {
  return { kind: 'raised', alarm: { id: newId(), code, severity: pumpAlarmRules[code].severity, state: 'ACTIVE', message, value, raisedAt: at } };
}

/**
 * A totaliser gap is a finding, not a condition that ends: it stays until someone acknowledges it,
 * and the pump's next sale after that clears it, so a later gap is a new alarm. One alarm while
 * it is active, however many gaps (or repeats of one) arrive.
 */
export function totalizerGapChanges(alarms: OpenAlarm[], gaps: TotalizerGap[], at: Date, newId: () => string): AlarmChange[] {
  const open = openAlarm(alarms, 'PUMP_TOTALIZER_GAP');
  const changes: AlarmChange[] = open?.state === 'ACKNOWLEDGED' ? [{ kind: 'cleared', alarm: open, at }] : [];
  const [gap] = gaps;
  if (gap && open?.state !== 'ACTIVE') changes.push(raised('PUMP_TOTALIZER_GAP', at, gap.gapMl, newId, describeGap(gap)));
  return changes;
}

const describeGap = (gap: TotalizerGap): string =>
  `Nozzle ${gap.nozzle}: sale ${gap.after.counter} started at ${gap.after.startMl} ml on the totaliser, ` +
  `but sale ${gap.before.counter} ended at ${gap.before.endMl} ml (${gap.gapMl > 0 ? '+' : ''}${gap.gapMl} ml off the record)`;
