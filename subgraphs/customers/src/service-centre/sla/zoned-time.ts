/**
 * Wall-clock time in a tenant's time zone, by the platform's own ICU data (`Intl`), so no time-zone
 * library is needed. A service commitment ("by 21:00", "by noon the next day") is a wall-clock time
 * where the customer lives, not an offset from UTC.
 */
export interface LocalDay {
  year: number;
  /** 1–12. */
  month: number;
  day: number;
}

export interface WallTime extends LocalDay {
  /** Minutes since local midnight, 0–1439. */
  minuteOfDay: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether the platform knows the IANA zone (`Asia/Shanghai`). */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

function partsOf(at: number, timeZone: string) {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(at))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute!, second: parts.second! };
}

/** The zone's offset from UTC at an instant, in ms (Asia/Shanghai: +8 h). */
function offsetAt(at: number, timeZone: string): number {
  const whole = Math.floor(at / 1000) * 1000;
  const p = partsOf(whole, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - whole;
}

/** What a clock on the wall in `timeZone` reads at `at`. */
export function wallTimeOf(at: Date, timeZone: string): WallTime {
  const p = partsOf(at.getTime(), timeZone);
  return { year: p.year, month: p.month, day: p.day, minuteOfDay: p.hour * 60 + p.minute };
}

/**
 * The instant the wall clock in `timeZone` reads `minuteOfDay` (1440 is the next midnight) on
 * `day`. A reading that happens twice (clocks going back) is the first; one that never happens
 * (clocks going forward) is read with the offset before the change.
 */
export function instantOf(day: LocalDay, minuteOfDay: number, timeZone: string): Date {
  const local = Date.UTC(day.year, day.month - 1, day.day, 0, minuteOfDay);
  const guess = local - offsetAt(local, timeZone);
  return new Date(local - offsetAt(guess, timeZone));
}

export function addDays(day: LocalDay, days: number): LocalDay {
  const d = new Date(Date.UTC(day.year, day.month - 1, day.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** `YYYY-MM-DD` as a day. */
export function parseDay(date: string): LocalDay {
  const [year, month, day] = date.split('-').map(Number);
  return { year: year!, month: month!, day: day! };
}

/** `HH:MM` as minutes since midnight (`24:00` is 1440). */
export function parseClock(clock: string): number {
  const [h, m] = clock.split(':').map(Number);
  return h! * 60 + m!;
}

/** `HH:MM` from 00:00 to 24:00. */
export const CLOCK = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;
