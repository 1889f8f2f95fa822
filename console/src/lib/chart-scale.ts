/** Small helpers for the hand-written SVG chart; no chart library for one line chart. */

export interface Point {
  t: number;
  v: number | null;
}

/** A horizontal reference line, e.g. an alarm level. */
export interface Mark {
  label: string;
  value: number;
  color: string;
}

/** Round-number ticks covering [min, max], about `count` of them (Heckbert's "nice numbers"). */
export function niceTicks(min: number, max: number, count = 4): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (min === max) return [min];
  const raw = (max - min) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * magnitude >= raw) ?? 10) * magnitude;
  const ticks: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) ticks.push(Number(v.toFixed(10)));
  return ticks;
}

const HOUR = 3_600_000;
const DAY = 86_400_000;

/** How a time tick is labelled: a clock time, a date (a day starts there), or a month. */
export type TimeTickKind = 'time' | 'date' | 'month';
export interface TimeTick {
  t: number;
  kind: TimeTickKind;
}

/**
 * The steps a time axis may take, finest first, in local time: hours that divide the day, days,
 * weeks (from Monday), months. Each says whether an instant is one of its boundaries.
 */
interface TimeStep {
  approxMs: number;
  /** The boundaries in [from, to]. */
  ticks: (from: number, to: number) => number[];
}

function hourStep(hours: number): TimeStep {
  return {
    approxMs: hours * HOUR,
    ticks(from, to) {
      const out: number[] = [];
      const start = new Date(from);
      start.setMinutes(0, 0, 0);
      // By the hour, so a day that gains or loses an hour still ticks at its round hours.
      for (let t = start.getTime(); t <= to; t += HOUR) {
        if (t >= from && new Date(t).getHours() % hours === 0) out.push(t);
      }
      return out;
    },
  };
}

function dayStep(days: 1 | 2 | 7 | 'month'): TimeStep {
  return {
    approxMs: days === 'month' ? 30 * DAY : days * DAY,
    ticks(from, to) {
      const out: number[] = [];
      const d = new Date(from);
      d.setHours(0, 0, 0, 0);
      for (; d.getTime() <= to; d.setDate(d.getDate() + 1)) {
        if (d.getTime() < from) continue;
        const keep = days === 'month' ? d.getDate() === 1 : days === 7 ? d.getDay() === 1 : days === 2 ? d.getDate() % 2 === 1 && d.getDate() < 31 : true;
        if (keep) out.push(d.getTime());
      }
      return out;
    },
  };
}

const TIME_STEPS: readonly TimeStep[] = [
  hourStep(1),
  hourStep(2),
  hourStep(3),
  hourStep(6),
  hourStep(12),
  dayStep(1),
  dayStep(2),
  dayStep(7),
  dayStep('month'),
];

/** Room a tick label needs on the axis, px: "00:00", "12/07", "2026/12" at 11 px, and a gap. */
export const TIME_TICK_SPACING = 52;

/**
 * Ticks for a time axis over [from, to] drawn `width` px wide: the finest step whose ticks keep
 * `spacing` px apart, so a few hours tick every hour, two days every 6 hours and a month every
 * week. Below a day the ticks are clock times and midnight shows the date the day starts; from a
 * day up they are dates, and months from a month up.
 */
export function timeTicks(from: number, to: number, width: number, spacing = TIME_TICK_SPACING): TimeTick[] {
  if (!Number.isFinite(from) || !Number.isFinite(to) || to <= from || width <= 0) return [];
  const room = Math.max(1, Math.floor(width / spacing));
  const step = TIME_STEPS.find((s) => (to - from) / s.approxMs <= room + 1 && s.ticks(from, to).length <= room) ?? TIME_STEPS.at(-1)!;
  const monthly = step === TIME_STEPS.at(-1);
  const ticks = step.ticks(from, to);
  return ticks.map((t) => {
    const d = new Date(t);
    const midnight = d.getHours() === 0 && d.getMinutes() === 0;
    return { t, kind: monthly ? 'month' : step.approxMs >= DAY || midnight ? 'date' : 'time' };
  });
}

/** SVG path data for a line, broken wherever a value is missing rather than bridged. */
export function linePath(points: readonly Point[], x: (t: number) => number, y: (v: number) => number): string {
  let d = '';
  let pen = false;
  for (const p of points) {
    if (p.v === null || !Number.isFinite(p.v)) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`;
    pen = true;
  }
  return d;
}
