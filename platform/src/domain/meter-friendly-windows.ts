/**
 * Friendly-credit windows: times a prepaid meter is not cut off even at its floor, because nobody
 * could top up (nights) or the supplier's office is closed (weekends, public holidays) — the
 * friendly-credit calendar of GB smart prepayment meters (SMETS2) is the model. The cut-off then
 * happens at the first evaluation after the window ends.
 */
import { instantsOfWall, isWeekend, localDateKey, localDayAndMinute, METERING_TIME_ZONE, minutesOfHhMm, startOfNextDay } from './meter-calendar';

export interface FriendlyWindows {
  /** Local 'HH:MM' from (included) to (excluded); crosses midnight when `to` is earlier, e.g. 22:00–07:00. */
  nights?: { from: string; to: string } | null;
  /** Saturday and Sunday, local. */
  weekends: boolean;
  /** The local dates in the holidays list. */
  holidays: boolean;
}

/** Whether an instant lies in a friendly window, read on the company's wall clock. */
export function inFriendlyWindow(at: Date, windows: FriendlyWindows, holidays: string[], zone: string = METERING_TIME_ZONE): boolean {
  const { day, minute } = localDayAndMinute(at.getTime(), zone);
  if (windows.weekends && isWeekend(day)) return true;
  if (windows.holidays && holidays.includes(localDateKey(day))) return true;
  if (!windows.nights) return false;
  const from = minutesOfHhMm(windows.nights.from);
  const to = minutesOfHhMm(windows.nights.to);
  // A malformed or empty (from = to) window holds nothing; supplyPolicyProblem refuses both.
  if (from === null || to === null || from === to) return false;
  return from < to ? minute >= from && minute < to : minute >= from || minute < to;
}

/** Enough steps (a local midnight or a night's end each) to walk out of a year of back-to-back windows. */
const MAX_STEPS = 800;

/**
 * When the friendly window holding at `at` ends — the instant a held-back trip becomes due, for a
 * sweep to evaluate the meter again or a console to show "cut off at 07:00". Null when `at` is in
 * no window, or in windows that run on for more than a year (every day a holiday or weekend).
 */
export function friendlyWindowEndsAt(at: Date, windows: FriendlyWindows, holidays: string[], zone: string = METERING_TIME_ZONE): Date | null {
  if (!inFriendlyWindow(at, windows, holidays, zone)) return null;
  const nightEnd = windows.nights ? minutesOfHhMm(windows.nights.to) : null;
  let t = at.getTime();
  for (let step = 0; step < MAX_STEPS; step++) {
    // A window can only end at a local midnight (a weekend or holiday over) or at the night's end.
    const { day } = localDayAndMinute(t, zone);
    let next = startOfNextDay(day, zone);
    if (nightEnd !== null) next = Math.min(next, ...instantsOfWall(day, nightEnd, zone).filter((ms) => ms > t));
    t = next;
    if (!inFriendlyWindow(new Date(t), windows, holidays, zone)) return new Date(t);
  }
  return null;
}
