/**
 * Where a card limit's period began, in the tenant's time zone: the fueling service sums a card's
 * sales and holds since this instant, so it must be exact to the millisecond at midnight, at the
 * turn of a week or month, and on the days a zone changes its clocks. Intl only: the runtime's
 * IANA data is the one source of offsets, no library of our own to keep in step with it.
 */
import type { LimitPeriod } from './fuel-card-rules';

export interface Wall {
  y: number;
  m: number;
  d: number;
  h: number;
  mi: number;
  s: number;
}

const wallFormatters = new Map<string, Intl.DateTimeFormat>();

/** The wall clock (to the second) an instant shows in a time zone. Metering's calendar uses it too. */
export function wallAt(ms: number, timeZone: string): Wall {
  let f = wallFormatters.get(timeZone);
  if (!f) {
    const digits = '2-digit';
    // h23: midnight is hour 0, never 24 (which some locales print).
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: digits,
      day: digits,
      hour: digits,
      minute: digits,
      second: digits,
    });
    wallFormatters.set(timeZone, f);
  }
  const part: Record<string, number> = {};
  for (const p of f.formatToParts(ms)) if (p.type !== 'literal') part[p.type] = Number(p.value);
  return { y: part.year ?? 0, m: part.month ?? 0, d: part.day ?? 0, h: part.hour ?? 0, mi: part.minute ?? 0, s: part.second ?? 0 };
}

/** The zone's offset from UTC at an instant, in ms (wall clock minus UTC). */
export function offsetAt(ms: number, timeZone: string): number {
  const w = wallAt(ms, timeZone);
  const whole = ms - (((ms % 1000) + 1000) % 1000);
  return Date.UTC(w.y, w.m - 1, w.d, w.h, w.mi, w.s) - whole;
}

const HOUR = 3_600_000;

/** Date.UTC of a calendar day, compared as a number (days only: the time is 00:00). */
const dayNumber = (w: { y: number; m: number; d: number }): number => Date.UTC(w.y, w.m - 1, w.d);

/**
 * The first instant of a calendar day in a time zone. Usually its midnight; where a zone springs
 * forward at midnight (America/Santiago, historically Asia/Beirut) there is no 00:00 and the day
 * begins at the change, e.g. 01:00. Real zones change their offset at most once within a day or
 * two, so the offsets a day before and a day after bracket every case.
 */
export function startOfDayIn(year: number, month: number, day: number, timeZone: string): Date {
  const wallMidnight = Date.UTC(year, month - 1, day);
  const candidates = [wallMidnight - offsetAt(wallMidnight - 24 * HOUR, timeZone), wallMidnight - offsetAt(wallMidnight + 24 * HOUR, timeZone)];
  const exact = candidates.filter((ms) => {
    const w = wallAt(ms, timeZone);
    return dayNumber(w) === wallMidnight && w.h === 0 && w.mi === 0 && w.s === 0;
  });
  // A clock set back across midnight shows 00:00 twice: the day began at the first.
  if (exact.length > 0) return new Date(Math.min(...exact));
  // In a gap: the first instant whose calendar day is this one lies between the two candidates.
  let lo = Math.min(...candidates);
  let hi = Math.max(...candidates);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (dayNumber(wallAt(mid, timeZone)) >= wallMidnight) hi = mid;
    else lo = mid;
  }
  return new Date(hi);
}

/**
 * The start of the current period at `at` in the tenant's zone: its day from midnight, its ISO
 * week from Monday (ISO 8601, as GB/T 7408 adopts it: weeks begin on Monday), its calendar month
 * from the 1st. LIFETIME has no start (null): every sale of the card counts.
 */
export function periodStart(period: LimitPeriod, at: Date, timeZone: string): Date | null {
  if (period === 'LIFETIME') return null;
  const today = wallAt(at.getTime(), timeZone);
  if (period === 'DAY') return startOfDayIn(today.y, today.m, today.d, timeZone);
  if (period === 'MONTH') return startOfDayIn(today.y, today.m, 1, timeZone);
  // Calendar arithmetic on the wall date (as if UTC), where every day has 24 hours.
  const date = new Date(dayNumber(today));
  const sinceMonday = (date.getUTCDay() + 6) % 7;
  date.setUTCDate(date.getUTCDate() - sinceMonday);
  return startOfDayIn(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), timeZone);
}
