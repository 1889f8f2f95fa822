import { describe, expect, it } from 'vitest';
import { ServiceOrderType } from '../service-order.enums';
import { slaTarget, type SlaRequest } from './sla-deadline';
import { DEFAULT_SLA_POLICY, policyWith, slaOverridesSchema } from './sla-policy';

/** Deadlines under the default policy (Asia/Shanghai, UTC+8 all year). */
const due = (type: ServiceOrderType, startedAt: string, extra: Partial<SlaRequest> = {}, policy = DEFAULT_SLA_POLICY) =>
  slaTarget(policy, { type, startedAt: new Date(startedAt), ...extra })?.dueAt.toISOString() ?? null;
const shanghai = (local: string) => new Date(`${local}+08:00`).toISOString();

describe('SLA deadlines', () => {
  it('gas smell: 30 minutes around the clock, across midnight and the year end', () => {
    expect(due(ServiceOrderType.GAS_SMELL, shanghai('2026-03-10T03:10:00'))).toBe(shanghai('2026-03-10T03:40:00'));
    expect(due(ServiceOrderType.GAS_SMELL, shanghai('2026-12-31T23:50:00'))).toBe(shanghai('2027-01-01T00:20:00'));
  });

  it('indoor fault: 4 hours when reported 08:00–18:59, by 12:00 the next day from 19:00', () => {
    expect(due(ServiceOrderType.REPAIR, shanghai('2026-03-10T08:00:00'))).toBe(shanghai('2026-03-10T12:00:00'));
    // Reported a minute before closing: still the 4-hour promise, past 19:00.
    expect(due(ServiceOrderType.REPAIR, shanghai('2026-03-10T18:59:00'))).toBe(shanghai('2026-03-10T22:59:00'));
    expect(due(ServiceOrderType.REPAIR, shanghai('2026-03-10T19:00:00'))).toBe(shanghai('2026-03-11T12:00:00'));
    expect(due(ServiceOrderType.REPAIR, shanghai('2026-03-10T23:59:00'))).toBe(shanghai('2026-03-11T12:00:00'));
    expect(due(ServiceOrderType.REPAIR, shanghai('2026-12-31T20:00:00'))).toBe(shanghai('2027-01-01T12:00:00'));
    // After midnight, before opening: this morning is the next morning.
    expect(due(ServiceOrderType.REPAIR, shanghai('2026-03-11T02:00:00'))).toBe(shanghai('2026-03-11T12:00:00'));
    expect(due(ServiceOrderType.REPAIR, shanghai('2026-03-11T07:59:00'))).toBe(shanghai('2026-03-11T12:00:00'));
  });

  it('callback: by 21:00 the same day; from 21:00 on, by 21:00 the next day', () => {
    expect(due(ServiceOrderType.CALLBACK, shanghai('2026-03-10T09:00:00'))).toBe(shanghai('2026-03-10T21:00:00'));
    expect(due(ServiceOrderType.CALLBACK, shanghai('2026-03-10T20:59:00'))).toBe(shanghai('2026-03-10T21:00:00'));
    expect(due(ServiceOrderType.CALLBACK, shanghai('2026-03-10T21:00:00'))).toBe(shanghai('2026-03-11T21:00:00'));
    expect(due(ServiceOrderType.CALLBACK, shanghai('2026-03-11T00:30:00'))).toBe(shanghai('2026-03-11T21:00:00'));
  });

  it('delivery: by the end of the requested slot, an overnight slot ending the next day; none without a slot', () => {
    const slot = (timeSlot: string) => due(ServiceOrderType.DELIVERY, shanghai('2026-03-09T10:00:00'), { requestedDate: '2026-03-10', timeSlot });
    expect(slot('09:00-12:00')).toBe(shanghai('2026-03-10T12:00:00'));
    expect(slot('18:00-24:00')).toBe(shanghai('2026-03-11T00:00:00'));
    expect(slot('22:00-02:00')).toBe(shanghai('2026-03-11T02:00:00'));
    expect(due(ServiceOrderType.DELIVERY, shanghai('2026-03-09T10:00:00'))).toBeNull();
    expect(due(ServiceOrderType.SUGGESTION, shanghai('2026-03-09T10:00:00'))).toBeNull();
  });

  it('reads wall-clock rules in the tenant’s time zone, across daylight-saving changes', () => {
    const london = policyWith({ timeZone: 'Europe/London' });
    // 20:00 in Shanghai is 12:00 in London (GMT in March before the change): inside business hours there.
    expect(due(ServiceOrderType.REPAIR, shanghai('2026-03-10T20:00:00'), {}, london)).toBe(shanghai('2026-03-11T00:00:00'));
    const newYork = policyWith({ timeZone: 'America/New_York' });
    // 2026-03-08: clocks go forward at 02:00; 21:00 that evening is EDT (UTC−4).
    expect(due(ServiceOrderType.CALLBACK, '2026-03-08T06:30:00Z', {}, newYork)).toBe('2026-03-09T01:00:00.000Z');
    // 2026-11-01: clocks go back at 02:00; 21:00 that evening is EST (UTC−5).
    expect(due(ServiceOrderType.CALLBACK, '2026-11-01T05:30:00Z', {}, newYork)).toBe('2026-11-02T02:00:00.000Z');
  });

  it('applies a tenant’s own rules over the defaults (a leak commitment of 1 hour)', () => {
    const policy = policyWith({ rules: { GAS_SMELL: { kind: 'WITHIN', minutes: 60 } } });
    expect(due(ServiceOrderType.GAS_SMELL, shanghai('2026-03-10T03:10:00'), {}, policy)).toBe(shanghai('2026-03-10T04:10:00'));
    expect(due(ServiceOrderType.REPAIR, shanghai('2026-03-10T19:00:00'), {}, policy)).toBe(shanghai('2026-03-11T12:00:00'));
  });

  it('refuses overrides it could not apply: an unknown time zone, a rule without its times', () => {
    expect(slaOverridesSchema.safeParse({ timeZone: 'Mars/Olympus_Mons' }).success).toBe(false);
    expect(
      slaOverridesSchema.safeParse({ rules: { REPAIR: { kind: 'BUSINESS_HOURS', minutes: 240, opens: '19:00', closes: '08:00', afterHoursBy: '12:00' } } })
        .success,
    ).toBe(false);
    expect(slaOverridesSchema.safeParse({ timeZone: 'Asia/Urumqi', rules: { CALLBACK: { kind: 'SAME_DAY_BY', by: '20:00' } } }).success).toBe(true);
  });

  it('warns in the last 20 % of the allowance, never later than 5 minutes before', () => {
    const warn = (type: ServiceOrderType, startedAt: string) => slaTarget(DEFAULT_SLA_POLICY, { type, startedAt: new Date(startedAt) })!.warnAt.toISOString();
    expect(warn(ServiceOrderType.GAS_SMELL, shanghai('2026-03-10T03:10:00'))).toBe(shanghai('2026-03-10T03:34:00'));
    expect(warn(ServiceOrderType.COMPLAINT, shanghai('2026-03-10T00:00:00'))).toBe(shanghai('2026-03-10T19:12:00'));
    // One minute of allowance: the window still opens 5 minutes before, so it is at risk from the start.
    expect(warn(ServiceOrderType.CALLBACK, shanghai('2026-03-10T20:59:00'))).toBe(shanghai('2026-03-10T20:55:00'));
  });
});
