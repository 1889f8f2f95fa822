import type { AlarmChange, AlarmSeverity, OpenAlarm } from '../../../model/alarm';
import type { TotalizerGap } from './totalizer-chain';

export const pumpAlarmRules = {
  // DOMAIN (Fueling, anomaly rules): a sale that does not start where the nozzle's last one ended is
  // fuel drawn off the record (or a meter tampered with); it needs a person, not a retry.
  PUMP_TOTALIZER_GAP: { severity: 'MAJOR', message: 'A sale did not start where the previous sale on its nozzle ended' },
  // DESIGN §4: a device that acts against its interlock raises a CRITICAL alarm. Fuel flowing with no
  // card host's AUTHORIZE for that nozzle is the interlock bypassed (IFSF: FUELLING only after Release_FP).
  PUMP_DISPENSING_UNAUTHORISED: { severity: 'CRITICAL', message: 'The pump is dispensing on a nozzle the card host did not authorise' },
  // DOMAIN (Fueling, anomaly rules), as the fueling service found them on a settled sale: each is an
  // event for a person to review (`model/sale-alarms.ts`), raised already returned to normal.
  // A large sale is often legitimate (a fleet truck): an early warning, the least urgent.
  FUEL_SALE_LARGE_AMOUNT: { severity: 'WARNING', message: 'A sale reached the large-amount threshold' },
  // A card swiped too often is a fleet card lent out, not money lost yet.
  FUEL_SALE_FREQUENT_SWIPES: { severity: 'MINOR', message: 'A card bought more often than the rules allow within their window' },
  // A card at two stations faster than anyone could drive is a cloned card: money at stake.
  FUEL_SALE_IMPOSSIBLE_TRAVEL: { severity: 'MAJOR', message: 'A card sold at two stations farther apart than anyone could drive in between' },
  // Price × volume off, a price not in effect, or litres that do not match the totaliser: the pump's
  // calculator or meter disagrees with the books (JJG 443-2015 tests the amount against price × volume).
  FUEL_SALE_PRICE_MISMATCH: { severity: 'MAJOR', message: 'A sale’s amount, price or volume does not match the price in effect and its totaliser' },
  // An offline sale past its card's money: fuel given on credit nobody granted.
  FUEL_SALE_UNFUNDED: { severity: 'MAJOR', message: 'A card sale could not be paid from its account' },
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
