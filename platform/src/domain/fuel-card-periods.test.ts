import { describe, expect, it } from 'vitest';
import { calendarDayIn } from './cylinder-lifecycle';
import { periodStart, startOfDayIn } from './fuel-card-periods';

const SH = 'Asia/Shanghai';
const BERLIN = 'Europe/Berlin';
const at = (iso: string) => new Date(iso);
const start = (period: Parameters<typeof periodStart>[0], iso: string, zone: string) => periodStart(period, at(iso), zone)?.toISOString();

describe('periodStart in Asia/Shanghai (UTC+8, no DST)', () => {
  it('starts the day at local midnight, which is 16:00 UTC the day before', () => {
    expect(start('DAY', '2026-06-15T03:00:00Z', SH)).toBe('2026-06-14T16:00:00.000Z');
  });

  it('puts the instant of midnight in the new day and the millisecond before in the old one', () => {
    expect(start('DAY', '2026-06-14T16:00:00.000Z', SH)).toBe('2026-06-14T16:00:00.000Z');
    expect(start('DAY', '2026-06-14T15:59:59.999Z', SH)).toBe('2026-06-13T16:00:00.000Z');
  });

  it('starts the week on Monday, also when asked on the Sunday and on the Monday itself', () => {
    // 2026-06-15 is a Monday.
    expect(start('WEEK', '2026-06-17T10:00:00Z', SH)).toBe('2026-06-14T16:00:00.000Z');
    expect(start('WEEK', '2026-06-21T15:59:59Z', SH)).toBe('2026-06-14T16:00:00.000Z'); // Sunday 23:59:59 local
    expect(start('WEEK', '2026-06-14T16:00:00Z', SH)).toBe('2026-06-14T16:00:00.000Z'); // Monday 00:00 local
  });

  it('starts a week that began in the previous month and year', () => {
    // Friday 2027-01-01; its week began on Monday 2026-12-28.
    expect(start('WEEK', '2027-01-01T04:00:00Z', SH)).toBe('2026-12-27T16:00:00.000Z');
  });

  it('starts the month on the 1st, local time, though UTC is still in the previous month', () => {
    expect(start('MONTH', '2026-06-30T16:30:00Z', SH)).toBe('2026-06-30T16:00:00.000Z');
    expect(start('MONTH', '2026-06-30T15:59:59Z', SH)).toBe('2026-05-31T16:00:00.000Z');
  });

  it('has no start for LIFETIME', () => {
    expect(periodStart('LIFETIME', at('2026-06-15T03:00:00Z'), SH)).toBeNull();
  });
});

describe('periodStart across a DST change (Europe/Berlin)', () => {
  it('starts the day of the spring change at midnight CET (UTC+1), though it ends in CEST', () => {
    // 2026-03-29: 02:00 CET → 03:00 CEST.
    expect(start('DAY', '2026-03-29T12:00:00Z', BERLIN)).toBe('2026-03-28T23:00:00.000Z');
    expect(start('DAY', '2026-03-30T06:00:00Z', BERLIN)).toBe('2026-03-29T22:00:00.000Z');
  });

  it('starts the day of the autumn change at midnight CEST (UTC+2)', () => {
    // 2026-10-25: 03:00 CEST → 02:00 CET; the day has 25 hours.
    expect(start('DAY', '2026-10-25T22:59:59Z', BERLIN)).toBe('2026-10-24T22:00:00.000Z');
    expect(start('DAY', '2026-10-25T23:00:00Z', BERLIN)).toBe('2026-10-25T23:00:00.000Z');
  });

  it('starts a week at its Monday midnight in the offset of that Monday, not of today', () => {
    // Tuesday 2026-03-31 (CEST); its Monday 2026-03-30 is CEST too; the week before began in CET.
    expect(start('WEEK', '2026-03-31T08:00:00Z', BERLIN)).toBe('2026-03-29T22:00:00.000Z');
    expect(start('WEEK', '2026-03-29T21:59:59Z', BERLIN)).toBe('2026-03-22T23:00:00.000Z');
  });

  it('starts April at midnight CEST and March at midnight CET', () => {
    expect(start('MONTH', '2026-04-10T10:00:00Z', BERLIN)).toBe('2026-03-31T22:00:00.000Z');
    expect(start('MONTH', '2026-03-31T21:59:59Z', BERLIN)).toBe('2026-02-28T23:00:00.000Z');
  });
});

describe('startOfDayIn where midnight does not exist', () => {
  it('begins the day at the change when a zone springs forward at midnight (America/Santiago)', () => {
    // 2026-09-06: 00:00 -04 → 01:00 -03, so the day's first instant is 04:00 UTC.
    expect(startOfDayIn(2026, 9, 6, 'America/Santiago').toISOString()).toBe('2026-09-06T04:00:00.000Z');
    expect(start('DAY', '2026-09-06T15:00:00Z', 'America/Santiago')).toBe('2026-09-06T04:00:00.000Z');
  });
});

describe('periodStart over a whole year, every two hours', () => {
  it('gives an instant on the same local day, week or month, whose millisecond before lies in the previous one', () => {
    const problems: string[] = [];
    for (const zone of [SH, BERLIN, 'America/Santiago']) {
      for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 2 * 3_600_000 + 61_000) {
        const now = new Date(t);
        const today = calendarDayIn(now, zone);
        const day = periodStart('DAY', now, zone)!;
        const month = periodStart('MONTH', now, zone)!;
        const week = periodStart('WEEK', now, zone)!;
        if (calendarDayIn(day, zone) !== today || calendarDayIn(new Date(day.getTime() - 1), zone) >= today) problems.push(`${zone} DAY ${now.toISOString()}`);
        if (calendarDayIn(month, zone) !== `${today.slice(0, 8)}01` || calendarDayIn(new Date(month.getTime() - 1), zone) >= calendarDayIn(month, zone))
          problems.push(`${zone} MONTH ${now.toISOString()}`);
        const monday = new Date(`${calendarDayIn(week, zone)}T12:00:00Z`);
        if (monday.getUTCDay() !== 1 || week > now || now.getTime() - week.getTime() >= 7 * 86_400_000 + 3_600_000)
          problems.push(`${zone} WEEK ${now.toISOString()}`);
      }
    }
    expect(problems.slice(0, 5)).toEqual([]);
  });
});
