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

/** Hour boundaries inside [from, to], for the time axis. Step grows so labels do not crowd. */
export function hourTicks(from: number, to: number, maxTicks = 7): number[] {
  const hour = 3_600_000;
  const span = Math.max(1, Math.ceil((to - from) / hour / maxTicks));
  const ticks: number[] = [];
  const first = new Date(from);
  first.setMinutes(0, 0, 0);
  for (let t = first.getTime() + hour; t <= to; t += hour) {
    if (new Date(t).getHours() % span === 0) ticks.push(t);
  }
  return ticks;
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
