/**
 * Gas at the demo sites: detectors read a little background (0–2 % LEL: cooking, a refuelling
 * vent), and once an hour one of them, in turn, sees a leak: the concentration climbs past both
 * alarm levels within a minute, holds, and falls back once the leak is stopped. Pure, by time.
 */
export interface LeakSchedule {
  /** When the first leak starts, after the simulator starts. */
  firstAfterMs: number;
  everyMs: number;
}

export const defaultLeakSchedule: LeakSchedule = { firstAfterMs: 5 * 60_000, everyMs: 3_600_000 };

const RISE_MS = 40_000;
const HOLD_MS = 20_000;
const FALL_MS = 60_000;
const PEAK_LEL = 65;

/** The concentration detector `index` of `count` reads `elapsedMs` after the start, without noise. */
export function leakLelAt(index: number, count: number, elapsedMs: number, schedule: LeakSchedule = defaultLeakSchedule): number {
  const sinceFirst = elapsedMs - schedule.firstAfterMs;
  if (sinceFirst < 0 || count === 0) return 0;
  const leak = Math.floor(sinceFirst / schedule.everyMs);
  if (leak % count !== index) return 0;
  const t = sinceFirst - leak * schedule.everyMs;
  if (t < RISE_MS) return (PEAK_LEL * t) / RISE_MS;
  if (t < RISE_MS + HOLD_MS) return PEAK_LEL;
  if (t < RISE_MS + HOLD_MS + FALL_MS) return PEAK_LEL * (1 - (t - RISE_MS - HOLD_MS) / FALL_MS);
  return 0;
}

/** A reading as a detector would send it: the leak plus background, to 0.1 % LEL, within 0–100. */
export const detectorReading = (leakLel: number, noise: number): number => Math.min(100, Math.max(0, Math.round((leakLel + noise * 2) * 10) / 10));
