import type { AlarmChange } from '../../../model/alarm';
import { pumpAlarmRules, type PumpAlarmCode } from './pump-alarms';

/** An anomaly as the fueling service records it on a sale: its rule's code and figures (`SettledAnomaly`). */
export type RecordedAnomaly = { code: string } & Record<string, unknown>;

/** A settled sale with anomalies (`fueling.sale`), as much of it as its alarms tell. */
export interface AnomalousSale {
  id: string;
  tenantId: string;
  pumpId: string;
  stationId: string;
  counter: number;
  nozzle: number;
  gradeCode: string;
  volumeMl: number;
  unitPriceMinor: number;
  amountMinor: number;
  endedAt: Date;
  anomalies: RecordedAnomaly[];
}

/**
 * Which alarm each anomaly rule raises. Price × volume, a price not in effect and litres that do
 * not match the totaliser are one finding for a person: the pump's figures disagree with the books.
 * A totaliser gap is not here: the pump twin judges it itself (`PUMP_TOTALIZER_GAP`), seeing every
 * sale of the nozzle; a code nobody mapped raises nothing.
 */
const ALARM_OF: Record<string, PumpAlarmCode> = {
  LARGE_AMOUNT: 'FUEL_SALE_LARGE_AMOUNT',
  FREQUENT_SWIPES: 'FUEL_SALE_FREQUENT_SWIPES',
  IMPOSSIBLE_TRAVEL: 'FUEL_SALE_IMPOSSIBLE_TRAVEL',
  PRICE_VOLUME_MISMATCH: 'FUEL_SALE_PRICE_MISMATCH',
  PRICE_NOT_IN_EFFECT: 'FUEL_SALE_PRICE_MISMATCH',
  TOTALIZER_MISMATCH: 'FUEL_SALE_PRICE_MISMATCH',
  UNFUNDED: 'FUEL_SALE_UNFUNDED',
  // A sale on a card none of the company's: nobody pays for it either.
  CARD_UNKNOWN: 'FUEL_SALE_UNFUNDED',
};

/** Fen as yuan (¥12.34), for people reading the alarm. */
const yuan = (minor: number): string => `¥${(minor / 100).toFixed(2)}`;

/** The figure an alarm's `value` carries: the one a person compares first. */
function valueOf(a: RecordedAnomaly, sale: AnomalousSale): number | null {
  const n = (key: string) => (typeof a[key] === 'number' ? (a[key] as number) : null);
  switch (a.code) {
    case 'LARGE_AMOUNT':
      return sale.amountMinor;
    case 'FREQUENT_SWIPES':
      return n('count');
    case 'IMPOSSIBLE_TRAVEL':
      return n('distanceKm');
    case 'PRICE_VOLUME_MISMATCH':
      return n('differenceMinor');
    case 'PRICE_NOT_IN_EFFECT':
      return n('effectiveUnitPriceMinor');
    case 'TOTALIZER_MISMATCH':
      return n('differenceMl');
    case 'UNFUNDED':
      return n('availableMinor');
    default:
      return null;
  }
}

/** What the rule found, in words, with its figures as recorded (`code key=value …`). */
const finding = (a: RecordedAnomaly): string => {
  const { code, ...figures } = a;
  const shown = Object.entries(figures).map(([k, v]) => `${k}=${typeof v === 'number' ? Math.round(v * 100) / 100 : String(v)}`);
  return [code, ...shown].join(' ');
};

/**
 * The alarms of one anomalous sale (pure): one per alarm code, however many of its anomalies map to
 * it, each carrying the sale (id, counter, nozzle, grade, litres, amount, end) and every finding's
 * figures in its message. A finding on a sale is an event, not a condition that holds: each alarm
 * is raised and returned to normal at once, so it waits unacknowledged (ISA-18.2 "return to normal
 * unacknowledged", CLEARED_UNACKNOWLEDGED) until an operator acknowledges it; nothing clears it.
 */
export function saleAlarmChanges(sale: AnomalousSale, at: Date, newId: () => string): AlarmChange[] {
  const byCode = new Map<PumpAlarmCode, RecordedAnomaly[]>();
  for (const a of sale.anomalies) {
    const code = ALARM_OF[a.code];
    if (code) byCode.set(code, [...(byCode.get(code) ?? []), a]);
  }
  return [...byCode].flatMap(([code, found]): AlarmChange[] => {
    const head =
      `${pumpAlarmRules[code].message}: sale ${sale.id} (counter ${sale.counter}, nozzle ${sale.nozzle}, ${sale.gradeCode}, ` +
      `${(sale.volumeMl / 1000).toFixed(2)} L at ${yuan(sale.unitPriceMinor)}/L = ${yuan(sale.amountMinor)}, ended ${sale.endedAt.toISOString()})`;
    const alarm = {
      id: newId(),
      code,
      severity: pumpAlarmRules[code].severity,
      state: 'ACTIVE' as const,
      message: `${head}; ${found.map(finding).join('; ')}`,
      value: valueOf(found[0]!, sale),
      raisedAt: at,
    };
    return [
      { kind: 'raised', alarm },
      { kind: 'cleared', alarm, at },
    ];
  });
}
