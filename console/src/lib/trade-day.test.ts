import { describe, expect, it } from 'vitest';
import { tradeDay, tradeDayStart } from './trade-day';

describe('tradeDay', () => {
  it('is the calendar day in Shanghai, which starts at 16:00 UTC the day before', () => {
    expect(tradeDay(new Date('2031-05-09T15:59:59Z'))).toBe('2031-05-09');
    expect(tradeDay(new Date('2031-05-09T16:00:00Z'))).toBe('2031-05-10');
  });
});

describe('tradeDayStart', () => {
  it('is midnight in Shanghai, 16:00 UTC the day before', () => {
    expect(tradeDayStart('2031-05-10')).toBe('2031-05-09T16:00:00.000Z');
  });
});
