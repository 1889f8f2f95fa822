import { describe, expect, it } from 'vitest';
import { localToday, yearFrom } from './local-date';

describe('calendar dates for the forms', () => {
  it('takes today in the local time zone', () => {
    expect(localToday(new Date(2025, 0, 5, 0, 30))).toBe('2025-01-05');
  });

  it('runs a year of validity to the day before the anniversary', () => {
    expect(yearFrom('2025-03-01')).toBe('2026-02-28');
    expect(yearFrom('2025-01-01')).toBe('2025-12-31');
    expect(yearFrom('2024-02-29')).toBe('2025-02-28');
  });
});
