/**
 * The company's wall calendar for metering: TOU slots, billing periods and friendly-credit windows
 * are all stated in local time (a tariff's "08:00–11:00 peak" is Beijing time, a billing month runs
 * from the 1st at local midnight). Built on the fuel cards' Intl helpers, so the runtime's IANA data
 * stays the one source of offsets.
 */
import { offsetAt, startOfDayIn, wallAt } from './fuel-card-periods';

/** The zone tariffs, billing periods and friendly windows are read in when none is given. */
export const METERING_TIME_ZONE = 'Asia/Shanghai';

export interface LocalDay {
  y: number;
  m: number;
  d: number;
}

export type BillingPeriodKind = 'MONTH' | 'YEAR';

const DAY_MS = 86_400_000;

/**
 * Day starts and wall-time instants recur for every reading of every meter, and each costs several
 * Intl calls: remembered per zone and day. Cleared when full; the next readings refill it at once.
 */
const remembered = new Map<string, unknown>();
function remember<T>(key: string, compute: () => T): T {
  if (remembered.has(key)) return remembered.get(key) as T;
  if (remembered.size >= 20_000) remembered.clear();
  const value = compute();
  remembered.set(key, value);
  return value;
}

/** startOfDayIn as epoch ms, remembered. */
const dayStart = (y: number, m: number, d: number, timeZone: string): number =>
  remember(`d|${timeZone}|${y}-${m}-${d}`, () => startOfDayIn(y, m, d, timeZone).getTime());

/** 'YYYY-MM-DD', the form holiday calendars are written in. */
export function localDateKey(day: LocalDay): string {
  return `${String(day.y).padStart(4, '0')}-${String(day.m).padStart(2, '0')}-${String(day.d).padStart(2, '0')}`;
}

/** The local day an instant falls on, and its wall minute of the day (seconds dropped). */
export function localDayAndMinute(atMs: number, timeZone: string): { day: LocalDay; minute: number } {
  const w = wallAt(atMs, timeZone);
  return { day: { y: w.y, m: w.m, d: w.d }, minute: w.h * 60 + w.mi };
}

/** Saturday or Sunday: the weekend of GB/T 7408's week (Monday first), as Chinese tariffs use it. */
export function isWeekend(day: LocalDay): boolean {
  const weekday = new Date(Date.UTC(day.y, day.m - 1, day.d)).getUTCDay();
  return weekday === 0 || weekday === 6;
}

export function nextDay(day: LocalDay): LocalDay {
  const date = new Date(Date.UTC(day.y, day.m - 1, day.d + 1));
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
}

/** Minutes since midnight of an 'HH:MM' (00:00–23:59); null when it is not one. */
export function minutesOfHhMm(text: string): number | null {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

/** Date.UTC of a wall reading, so two wall readings compare as numbers. */
const wallNumber = (ms: number, timeZone: string): number => {
  const w = wallAt(ms, timeZone);
  return Date.UTC(w.y, w.m - 1, w.d, w.h, w.mi, w.s);
};

/**
 * The instants at which the wall clock shows `minute` of `day`, in order: usually one; two where
 * the clock is set back over it (the hour repeats); in a spring-forward gap none exist, and the
 * slot that starts there starts at the jump, the first instant past it. As in `startOfDayIn`, the
 * offsets a day before and a day after bracket every real zone.
 */
export function instantsOfWall(day: LocalDay, minute: number, timeZone: string): readonly number[] {
  return remember(`w|${timeZone}|${day.y}-${day.m}-${day.d}|${minute}`, () => computeInstantsOfWall(day, minute, timeZone));
}

function computeInstantsOfWall(day: LocalDay, minute: number, timeZone: string): number[] {
  const wall = Date.UTC(day.y, day.m - 1, day.d, 0, minute);
  const candidates = [...new Set([wall - offsetAt(wall - DAY_MS, timeZone), wall - offsetAt(wall + DAY_MS, timeZone)])].sort((a, b) => a - b);
  const exact = candidates.filter((ms) => wallNumber(ms, timeZone) === wall);
  if (exact.length > 0) return exact;
  let lo = candidates[0]!;
  let hi = candidates[candidates.length - 1]!;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (wallNumber(mid, timeZone) >= wall) hi = mid;
    else lo = mid;
  }
  return [hi];
}

/**
 * The first instant in (fromMs, toMs) at which the zone's offset differs from its offset at fromMs
 * (a clock change), or null. A wall-clock slot can end there without its boundary time showing: on
 * the autumn change the clock goes back into the slot before. Real zones change at most once in a
 * day, so one search over a span up to a day finds it.
 */
export function offsetChangeIn(fromMs: number, toMs: number, timeZone: string): number | null {
  const offset = offsetAt(fromMs, timeZone);
  if (toMs - fromMs <= 1 || offsetAt(toMs - 1, timeZone) === offset) return null;
  let lo = fromMs;
  let hi = toMs - 1;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetAt(mid, timeZone) === offset) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** The first instant of the local day after `day`. */
export function startOfNextDay(day: LocalDay, timeZone: string): number {
  const next = nextDay(day);
  return dayStart(next.y, next.m, next.d, timeZone);
}

/**
 * The billing period (calendar month or year, from the 1st at local midnight) an instant falls in:
 * tiered tariffs count consumption per such period (China's 阶梯电价 is set per year in most
 * provinces, per month in some), and charges are rounded on its running total.
 */
export function billingPeriodAt(kind: BillingPeriodKind, atMs: number, timeZone: string): { start: number; end: number } {
  const w = wallAt(atMs, timeZone);
  if (kind === 'YEAR') return { start: dayStart(w.y, 1, 1, timeZone), end: dayStart(w.y + 1, 1, 1, timeZone) };
  const next = w.m === 12 ? { y: w.y + 1, m: 1 } : { y: w.y, m: w.m + 1 };
  return { start: dayStart(w.y, w.m, 1, timeZone), end: dayStart(next.y, next.m, 1, timeZone) };
}
