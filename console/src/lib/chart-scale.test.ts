import { describe, expect, it } from 'vitest';
import { linePath, niceTicks, timeTicks } from './chart-scale';

const HOUR = 3_600_000;
const DAY = 86_400_000;
/** A local instant (the ticks fall on local hours and days, whatever the machine's zone). */
const at = (day: number, hour = 0, minute = 0) => new Date(2026, 11, day, hour, minute).getTime();
const hours = (ticks: { t: number }[]) => ticks.map(({ t }) => new Date(t).getHours());
const days = (ticks: { t: number }[]) => ticks.map(({ t }) => new Date(t).getDate());

describe('niceTicks', () => {
  it('takes round steps covering the range', () => {
    expect(niceTicks(0, 100, 4)).toEqual([0, 25, 50, 75, 100]);
    expect(niceTicks(1.2, 2.9, 4)).toEqual([1.5, 2, 2.5]);
  });
  it('is one tick for a flat range and none for a missing one', () => {
    expect(niceTicks(5, 5)).toEqual([5]);
    expect(niceTicks(Number.NaN, 1)).toEqual([]);
  });
});

describe('timeTicks', () => {
  it('ticks every hour over six hours, as clock times', () => {
    const ticks = timeTicks(at(7, 8, 20), at(7, 14, 20), 500);
    expect(hours(ticks)).toEqual([9, 10, 11, 12, 13, 14]);
    expect(ticks.every((tick) => tick.kind === 'time')).toBe(true);
  });

  it('ticks every few hours over two days, the midnights as dates', () => {
    const ticks = timeTicks(at(5, 10, 30), at(7, 10, 30), 500);
    expect(hours(ticks)).toEqual([12, 18, 0, 6, 12, 18, 0, 6]);
    expect(ticks.filter((tick) => tick.kind === 'date').map(({ t }) => t)).toEqual([at(6), at(7)]);
    expect(ticks.filter((tick) => tick.kind === 'time')).toHaveLength(6);
  });

  it('takes a wider step when the chart is narrower, never crowding the labels', () => {
    const from = at(5, 10, 30);
    const to = at(7, 10, 30);
    for (const width of [200, 300, 500, 800, 1200]) {
      const ticks = timeTicks(from, to, width);
      expect(ticks.length).toBeGreaterThan(0);
      expect(ticks.length).toBeLessThanOrEqual(Math.floor(width / 52));
      const gaps = ticks.slice(1).map((tick, i) => tick.t - ticks[i]!.t);
      expect(Math.min(...gaps) * (width / (to - from))).toBeGreaterThanOrEqual(52 * 0.9);
    }
    expect(hours(timeTicks(from, to, 300))).toEqual([12, 0, 12, 0]);
    expect(timeTicks(from, to, 1200)[1]!.t - timeTicks(from, to, 1200)[0]!.t).toBe(3 * HOUR);
  });

  it('ticks by day over a week and by week (Mondays) over thirty days, as dates', () => {
    const week = timeTicks(at(1, 15), at(8, 15), 500);
    expect(days(week)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect(week.every((tick) => tick.kind === 'date' && new Date(tick.t).getHours() === 0)).toBe(true);

    const month = timeTicks(at(7, 15) - 30 * DAY, at(7, 15), 500);
    expect(month.every((tick) => tick.kind === 'date' && new Date(tick.t).getDay() === 1)).toBe(true);
    expect(month.length).toBeGreaterThanOrEqual(4);
  });

  it('ticks every other day over thirty days when the chart is wide enough', () => {
    const ticks = timeTicks(at(7, 15) - 30 * DAY, at(7, 15), 900);
    expect(ticks.length).toBeLessThanOrEqual(17);
    expect(ticks.every((tick) => tick.kind === 'date' && new Date(tick.t).getDate() % 2 === 1)).toBe(true);
  });

  it('ticks by month over a year', () => {
    const ticks = timeTicks(new Date(2026, 0, 15).getTime(), new Date(2026, 11, 15).getTime(), 700);
    expect(ticks.map(({ t }) => new Date(t).getMonth())).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(ticks.every((tick) => tick.kind === 'month')).toBe(true);
  });

  it('is nothing for an empty span or no room', () => {
    expect(timeTicks(at(7), at(7), 500)).toEqual([]);
    expect(timeTicks(at(7), at(8), 0)).toEqual([]);
  });
});

describe('linePath', () => {
  it('breaks the line where a value is missing', () => {
    const points = [
      { t: 0, v: 1 },
      { t: 1, v: 2 },
      { t: 2, v: null },
      { t: 3, v: 4 },
    ];
    expect(
      linePath(
        points,
        (t) => t * 10,
        (v) => v,
      ),
    ).toBe('M0.0,1.0L10.0,2.0M30.0,4.0');
  });
});
