import { describe, expect, it } from 'vitest';
import { ServiceOrderType, SlaState } from '../service-order.enums';
import { closed, deadlineOf, escalationDue, paused, resumed, retargeted, slaStateOf, type SlaClock } from './sla-clock';
import { slaTarget } from './sla-deadline';
import { DEFAULT_SLA_POLICY } from './sla-policy';

const at = (iso: string) => new Date(`2026-03-10T${iso}+08:00`);
const ms = (d: Date, delta: number) => new Date(d.getTime() + delta);
const MIN = 60_000;

/** A gas-smell order taken at 10:00: due 10:30, warned from 10:24. */
const clockAt = (start: Date, type = ServiceOrderType.GAS_SMELL): SlaClock => {
  const target = slaTarget(DEFAULT_SLA_POLICY, { type, startedAt: start })!;
  return { dueAt: target.dueAt, warnAt: target.warnAt, pausedMs: 0, pausedSince: null, closedAt: null };
};

describe('SLA clock', () => {
  const open = clockAt(at('10:00:00'));

  it('is ON_TRACK before the warning window, AT_RISK from its first instant to the deadline, BREACHED after', () => {
    expect(slaStateOf(open, ms(at('10:24:00'), -1))).toBe(SlaState.ON_TRACK);
    expect(slaStateOf(open, at('10:24:00'))).toBe(SlaState.AT_RISK);
    expect(slaStateOf(open, at('10:30:00'))).toBe(SlaState.AT_RISK);
    expect(slaStateOf(open, ms(at('10:30:00'), 1))).toBe(SlaState.BREACHED);
  });

  it('a closed order met its deadline when closed at it, breached it when closed after', () => {
    expect(slaStateOf(closed(open, at('10:30:00')), at('23:00:00'))).toBe(SlaState.MET);
    expect(slaStateOf(closed(open, ms(at('10:30:00'), 1)), at('10:31:00'))).toBe(SlaState.BREACHED);
  });

  it('a reclassification pauses the clock; the paused time moves the deadline and the warning', () => {
    const pausing = paused(open, at('10:10:00'));
    expect(slaStateOf(pausing, at('11:00:00'))).toBe(SlaState.PAUSED);
    // While paused the deadline keeps moving back.
    expect(deadlineOf(pausing, at('10:25:00'))).toEqual(at('10:45:00'));
    const back = resumed(pausing, at('10:30:00'));
    expect(back).toMatchObject({ pausedMs: 20 * MIN, pausedSince: null, dueAt: at('10:50:00'), warnAt: at('10:44:00') });
    expect(slaStateOf(back, at('10:43:59'))).toBe(SlaState.ON_TRACK);
    expect(slaStateOf(back, at('10:51:00'))).toBe(SlaState.BREACHED);
    // A second reclassification during the pause does not restart it.
    expect(paused(pausing, at('10:20:00')).pausedSince).toEqual(at('10:10:00'));
  });

  it('the new type’s deadline counts from the original start, plus the time already paused', () => {
    const back = resumed(paused(open, at('10:10:00')), at('10:30:00'));
    const complaint = retargeted(back, slaTarget(DEFAULT_SLA_POLICY, { type: ServiceOrderType.COMPLAINT, startedAt: at('10:00:00') }));
    expect(complaint.dueAt).toEqual(new Date(at('10:20:00').getTime() + 24 * 60 * MIN));
    expect(retargeted(back, null)).toMatchObject({ dueAt: null, warnAt: null });
  });

  it('closing while paused ends the pause', () => {
    const done = closed(paused(open, at('10:10:00')), at('10:40:00'));
    expect(done).toMatchObject({ pausedSince: null, pausedMs: 30 * MIN, dueAt: at('11:00:00') });
    expect(slaStateOf(done, at('12:00:00'))).toBe(SlaState.MET);
  });

  it('escalates AT_RISK once, then BREACHED once; straight to BREACHED when nobody looked in between', () => {
    expect(escalationDue(open, null, at('10:23:00'))).toBeNull();
    expect(escalationDue(open, null, at('10:24:00'))).toBe(SlaState.AT_RISK);
    expect(escalationDue(open, SlaState.AT_RISK, at('10:29:00'))).toBeNull();
    expect(escalationDue(open, SlaState.AT_RISK, at('10:31:00'))).toBe(SlaState.BREACHED);
    expect(escalationDue(open, SlaState.BREACHED, at('11:00:00'))).toBeNull();
    expect(escalationDue(open, null, at('11:00:00'))).toBe(SlaState.BREACHED);
    expect(escalationDue(paused(open, at('10:10:00')), null, at('11:00:00'))).toBeNull();
    expect(escalationDue(closed(open, at('10:20:00')), null, at('11:00:00'))).toBeNull();
  });

  it('an order without a deadline has no state to escalate', () => {
    const none: SlaClock = { dueAt: null, warnAt: null, pausedMs: 0, pausedSince: null, closedAt: null };
    expect(slaStateOf(none, at('10:00:00'))).toBe(SlaState.NONE);
    expect(escalationDue(none, null, at('10:00:00'))).toBeNull();
  });
});
