/**
 * Friendly-credit windows: times a prepaid meter is not cut off even at its floor, because nobody
 * could top up (nights) or the supplier's office is closed (weekends, public holidays) — the
 * friendly-credit calendar of GB smart prepayment meters (SMETS2) is the model. The cut-off then
 * happens at the first evaluation after the window ends.
 */
import { isWeekend, localDateKey, localDayAndMinute, METERING_TIME_ZONE, minutesOfHhMm } from './meter-calendar';

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
