import { describe, expect, it } from 'vitest';
import { countdown, slaReading } from './sla-countdown';

const NOW = Date.parse('2026-03-01T08:00:00Z');
const due = (seconds: number) => new Date(NOW + seconds * 1000).toISOString();

describe('the SLA clock', () => {
  it('counts down to the deadline in the state the service sent', () => {
    expect(slaReading({ status: 'RECEIVED', deadline: due(1800), slaState: 'ON_TRACK' }, NOW)).toEqual({ state: 'ON_TRACK', remainingMs: 1_800_000 });
    expect(slaReading({ status: 'DISPATCHED', deadline: due(120), slaState: 'AT_RISK' }, NOW + 1000)).toEqual({ state: 'AT_RISK', remainingMs: 119_000 });
  });

  it('is BREACHED the second the deadline passes, before the service’s escalation arrives', () => {
    expect(slaReading({ status: 'ASSIGNED', deadline: due(5), slaState: 'AT_RISK' }, NOW + 6000)).toEqual({ state: 'BREACHED', remainingMs: -1000 });
  });

  it('stops for a closed order, a paused clock and a type without deadline', () => {
    expect(slaReading({ status: 'DELIVERED', deadline: due(60), slaState: 'MET' }, NOW)).toEqual({ state: 'MET', remainingMs: null });
    expect(slaReading({ status: 'RECEIVED', deadline: due(60), slaState: 'PAUSED' }, NOW)).toEqual({ state: 'PAUSED', remainingMs: null });
    expect(slaReading({ status: 'RECEIVED', deadline: null, slaState: 'NONE' }, NOW)).toEqual({ state: 'NONE', remainingMs: null });
  });

  it('reads as a clock: minutes and seconds, hours when there are any, a minus when overdue', () => {
    expect(countdown(245_000)).toBe('4:05');
    expect(countdown(3_723_000)).toBe('1:02:03');
    expect(countdown(27 * 3_600_000)).toBe('27:00:00');
    expect(countdown(-42_500)).toBe('−0:42');
    expect(countdown(-400)).toBe('0:00');
  });
});
