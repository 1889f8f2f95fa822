/** Calendar dates as the API takes them (YYYY-MM-DD), in the clerk's own time zone. */

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Today where the console runs (a permit issued at 00:30 in Beijing is issued today there, not yesterday in UTC). */
export function localToday(now: Date = new Date()): string {
  return `${pad(now.getFullYear(), 4)}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The last day of a year's validity from `from` (the day before the anniversary): 2025-03-01 → 2026-02-28. */
export function yearFrom(from: string): string {
  const [year, month, day] = from.split('-').map(Number) as [number, number, number];
  // Day 0 of the anniversary's day: 29 February rolls over to 1 March, so its year ends on 28 February.
  return new Date(Date.UTC(year + 1, month - 1, day - 1)).toISOString().slice(0, 10);
}
