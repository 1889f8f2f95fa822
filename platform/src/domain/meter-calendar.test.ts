import { describe, expect, it } from 'vitest';
import { billingPeriodAt, instantsOfWall, isWeekend, localDayAndMinute, minutesOfHhMm } from './meter-calendar';

const SH = 'Asia/Shanghai';
const BERLIN = 'Europe/Berlin';
const iso = (ms: number) => new Date(ms).toISOString();

describe('billingPeriodAt', () => {
  it('runs a month from local midnight of the 1st to that of the next, in the company zone', () => {
    const p = billingPeriodAt('MONTH', Date.parse('2026-06-30T16:00:00Z'), SH);
    expect([iso(p.start), iso(p.end)]).toEqual(['2026-06-30T16:00:00.000Z', '2026-07-31T16:00:00.000Z']);
    expect(iso(billingPeriodAt('MONTH', Date.parse('2026-06-30T15:59:59.999Z'), SH).start)).toBe('2026-05-31T16:00:00.000Z');
  });

  it('runs December into the next year, and a year from 1 January', () => {
    const dec = billingPeriodAt('MONTH', Date.parse('2026-12-15T00:00:00Z'), SH);
    expect(iso(dec.end)).toBe('2026-12-31T16:00:00.000Z');
    const year = billingPeriodAt('YEAR', Date.parse('2026-12-31T16:00:00Z'), SH);
    expect([iso(year.start), iso(year.end)]).toEqual(['2026-12-31T16:00:00.000Z', '2027-12-31T16:00:00.000Z']);
  });
});

describe('instantsOfWall', () => {
  it('names one instant for an ordinary wall time', () => {
    expect(instantsOfWall({ y: 2026, m: 6, d: 10 }, 8 * 60, SH).map(iso)).toEqual(['2026-06-10T00:00:00.000Z']);
  });

  it('names both instants of a wall time the clock shows twice (autumn, Berlin 02:30)', () => {
    expect(instantsOfWall({ y: 2026, m: 10, d: 25 }, 150, BERLIN).map(iso)).toEqual(['2026-10-25T00:30:00.000Z', '2026-10-25T01:30:00.000Z']);
  });

  it('names the jump for a wall time the clock skips (spring, Berlin 02:30)', () => {
    expect(instantsOfWall({ y: 2026, m: 3, d: 29 }, 150, BERLIN).map(iso)).toEqual(['2026-03-29T01:00:00.000Z']);
  });
});

describe('local day helpers', () => {
  it('reads the local day and minute, Saturday and Sunday as the weekend, and HH:MM strictly', () => {
    expect(localDayAndMinute(Date.parse('2026-06-12T16:30:00Z'), SH)).toEqual({ day: { y: 2026, m: 6, d: 13 }, minute: 30 });
    expect([12, 13, 14, 15].map((d) => isWeekend({ y: 2026, m: 6, d }))).toEqual([false, true, true, false]);
    expect([minutesOfHhMm('07:30'), minutesOfHhMm('23:59'), minutesOfHhMm('24:00'), minutesOfHhMm('7:30')]).toEqual([450, 1439, null, null]);
  });
});
