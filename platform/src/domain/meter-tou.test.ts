import { describe, expect, it } from 'vitest';
import { chargeInterval } from './meter-charge';
import type { TariffStructure } from './meter-tariffs';
import { touSlotAt } from './meter-tou';

const TOU: Extract<TariffStructure, { type: 'TOU' }> = {
  type: 'TOU',
  prices: { PEAK: 8000, VALLEY: 2000 },
  weekday: [
    { from: '00:00', period: 'VALLEY' },
    { from: '02:30', period: 'PEAK' },
    { from: '03:00', period: 'VALLEY' },
  ],
};
const NONE = new Set<string>();
const iso = (ms: number) => new Date(ms).toISOString();

describe('touSlotAt', () => {
  it('ends a slot at the next slot of the day, and the last slot at the next local midnight', () => {
    const sh = 'Asia/Shanghai';
    const early = touSlotAt(TOU, NONE, Date.parse('2026-06-10T01:00:00+08:00'), sh);
    expect([early.period, iso(early.endMs)]).toEqual(['VALLEY', '2026-06-09T18:30:00.000Z']);
    const late = touSlotAt(TOU, NONE, Date.parse('2026-06-10T23:00:00+08:00'), sh);
    expect([late.period, iso(late.endMs)]).toEqual(['VALLEY', '2026-06-10T16:00:00.000Z']);
  });

  it('starts a slot whose wall time the spring change skips at the jump (Berlin)', () => {
    // 2026-03-29: 02:00 CET → 03:00 CEST; 02:30 never shows, and 03:00 follows at once.
    const before = touSlotAt(TOU, NONE, Date.parse('2026-03-29T00:30:00Z'), 'Europe/Berlin');
    expect([before.period, iso(before.endMs)]).toEqual(['VALLEY', '2026-03-29T01:00:00.000Z']);
  });

  it('follows the wall clock back through the hour the autumn change repeats (Berlin)', () => {
    // 2026-10-25: 03:00 CEST → 02:00 CET; 02:00–03:00 shows twice, peak both times.
    const r = chargeInterval({
      versions: [{ effectiveFrom: new Date('2026-01-01T00:00:00Z'), structure: TOU }],
      from: new Date('2026-10-24T22:00:00Z'),
      to: new Date('2026-10-25T04:00:00Z'),
      consumedMilli: 6_000,
      billing: null,
      zone: 'Europe/Berlin',
    });
    // The wall clock: 00:00 CEST valley, 02:30 CEST peak, back to 02:00 CET valley, 02:30 CET peak, 03:00 CET valley.
    expect(r.pieces.map((p) => [p.period, iso(p.from.getTime()), iso(p.to.getTime())])).toEqual([
      ['VALLEY', '2026-10-24T22:00:00.000Z', '2026-10-25T00:30:00.000Z'],
      ['PEAK', '2026-10-25T00:30:00.000Z', '2026-10-25T01:00:00.000Z'],
      ['VALLEY', '2026-10-25T01:00:00.000Z', '2026-10-25T01:30:00.000Z'],
      ['PEAK', '2026-10-25T01:30:00.000Z', '2026-10-25T02:00:00.000Z'],
      ['VALLEY', '2026-10-25T02:00:00.000Z', '2026-10-25T04:00:00.000Z'],
    ]);
  });
});
