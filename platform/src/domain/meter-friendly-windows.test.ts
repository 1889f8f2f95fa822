import { describe, expect, it } from 'vitest';
import { friendlyWindowEndsAt, inFriendlyWindow } from './meter-friendly-windows';

const sh = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
const NIGHTS = { nights: { from: '22:00', to: '07:00' }, weekends: false, holidays: false };

describe('inFriendlyWindow', () => {
  it('holds a night window across midnight, from its start included to its end excluded', () => {
    expect(inFriendlyWindow(sh('2026-06-10 21:59'), NIGHTS, [])).toBe(false);
    expect(inFriendlyWindow(sh('2026-06-10 22:00'), NIGHTS, [])).toBe(true);
    expect(inFriendlyWindow(sh('2026-06-11 03:00'), NIGHTS, [])).toBe(true);
    expect(inFriendlyWindow(sh('2026-06-11 06:59'), NIGHTS, [])).toBe(true);
    expect(inFriendlyWindow(sh('2026-06-11 07:00'), NIGHTS, [])).toBe(false);
  });

  it('holds a window within a day', () => {
    const lunch = { nights: { from: '12:00', to: '14:00' }, weekends: false, holidays: false };
    expect(inFriendlyWindow(sh('2026-06-10 13:00'), lunch, [])).toBe(true);
    expect(inFriendlyWindow(sh('2026-06-10 14:00'), lunch, [])).toBe(false);
  });

  it('reads the night on the company clock, not UTC', () => {
    // 23:00 in Shanghai is 15:00 UTC.
    expect(inFriendlyWindow(new Date('2026-06-10T15:00:00Z'), NIGHTS, [])).toBe(true);
    expect(inFriendlyWindow(new Date('2026-06-10T23:00:00Z'), NIGHTS, [])).toBe(false);
  });

  it('holds the whole local Saturday and Sunday when weekends are friendly', () => {
    const weekends = { weekends: true, holidays: false };
    // Saturday 2026-06-13 00:00 local is Friday 16:00 UTC.
    expect(inFriendlyWindow(sh('2026-06-12 23:59'), weekends, [])).toBe(false);
    expect(inFriendlyWindow(sh('2026-06-13 00:00'), weekends, [])).toBe(true);
    expect(inFriendlyWindow(sh('2026-06-14 23:59'), weekends, [])).toBe(true);
    expect(inFriendlyWindow(sh('2026-06-15 00:00'), weekends, [])).toBe(false);
  });

  it('holds a listed holiday only when holidays are friendly', () => {
    const holidays = ['2026-10-01'];
    expect(inFriendlyWindow(sh('2026-10-01 12:00'), { weekends: false, holidays: true }, holidays)).toBe(true);
    expect(inFriendlyWindow(sh('2026-10-01 12:00'), { weekends: false, holidays: false }, holidays)).toBe(false);
    expect(inFriendlyWindow(sh('2026-10-02 12:00'), { weekends: false, holidays: true }, holidays)).toBe(false);
  });
});

describe('friendlyWindowEndsAt', () => {
  const ALL = { nights: { from: '22:00', to: '07:00' }, weekends: true, holidays: true };
  const ends = (local: string, holidays: string[] = []) => friendlyWindowEndsAt(sh(local), ALL, holidays)?.toISOString() ?? null;

  it("is the night's end on a weeknight, and null outside any window", () => {
    expect(ends('2026-06-10 23:00')).toBe(sh('2026-06-11 07:00').toISOString());
    expect(ends('2026-06-10 12:00')).toBeNull();
  });

  it('runs a Friday night through the weekend to Monday 07:00, as the nights join the weekend', () => {
    expect(ends('2026-06-12 23:00')).toBe(sh('2026-06-15 07:00').toISOString());
  });

  it('runs on through a holiday that follows the weekend', () => {
    expect(ends('2026-06-13 12:00', ['2026-06-15'])).toBe(sh('2026-06-16 07:00').toISOString());
  });

  it('ends a weekend at midnight when nights are not friendly', () => {
    const weekends = { weekends: true, holidays: false };
    expect(friendlyWindowEndsAt(sh('2026-06-14 12:00'), weekends, [])?.toISOString()).toBe(sh('2026-06-15 00:00').toISOString());
  });
});
