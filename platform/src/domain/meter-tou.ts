/**
 * Time-of-use slots (分时电价): which period an instant falls in and when that period ends. A
 * holiday on the tariff's calendar follows the holiday schedule where the tariff has one, Saturday
 * and Sunday the weekend schedule where it has one, every other day the weekday schedule — the order
 * provincial TOU notices state them in (holidays override weekends).
 */
import { instantsOfWall, isWeekend, localDateKey, localDayAndMinute, minutesOfHhMm, offsetChangeIn, startOfNextDay, type LocalDay } from './meter-calendar';
import type { TariffStructure, TouPeriod, TouSlot } from './meter-tariffs';

type TouStructure = Extract<TariffStructure, { type: 'TOU' }>;

/** The schedule a TOU tariff follows on a local day. */
export function touScheduleFor(structure: TouStructure, day: LocalDay, holidays: ReadonlySet<string>): TouSlot[] {
  if (structure.holiday && holidays.has(localDateKey(day))) return structure.holiday;
  if (structure.weekend && isWeekend(day)) return structure.weekend;
  return structure.weekday;
}

/**
 * The TOU period at an instant and the instant it ends (the next slot's start, or the next local
 * midnight, where the next day's schedule takes over), or the instant of a clock change before
 * either. The end is always after `atMs`, so a caller walking an interval slot by slot moves on.
 */
export function touSlotAt(structure: TouStructure, holidays: ReadonlySet<string>, atMs: number, timeZone: string): { period: TouPeriod; endMs: number } {
  const { day, minute } = localDayAndMinute(atMs, timeZone);
  const slots = touScheduleFor(structure, day, holidays);
  let index = 0;
  for (const [i, slot] of slots.entries()) if ((minutesOfHhMm(slot.from) ?? 0) <= minute) index = i;
  const period = slots[index]!.period;
  let endMs = startOfNextDay(day, timeZone);
  for (const next of slots.slice(index + 1)) {
    const start = instantsOfWall(day, minutesOfHhMm(next.from) ?? 0, timeZone).find((ms) => ms > atMs);
    if (start !== undefined && start < endMs) {
      endMs = start;
      break;
    }
  }
  // A clock change moves the wall clock in or out of the slot without passing its edges: look again there.
  return { period, endMs: offsetChangeIn(atMs, endMs, timeZone) ?? endMs };
}
