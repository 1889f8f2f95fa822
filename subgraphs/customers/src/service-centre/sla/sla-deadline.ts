import type { ServiceOrderType } from '../service-order.enums';
import type { SlaPolicy, SlaRule } from './sla-policy';
import { addDays, instantOf, parseClock, parseDay, wallTimeOf, type WallTime } from './zoned-time';

/** What an order's deadline depends on. */
export interface SlaRequest {
  type: ServiceOrderType;
  /** When its clock starts: when it was taken, or when the alarm that opened it was raised. */
  startedAt: Date;
  /** The requested day, `YYYY-MM-DD` in the tenant's time zone (deliveries, pick-ups, care calls). */
  requestedDate?: string | null;
  /** The requested slot, `HH:MM-HH:MM`; a slot ending before it starts ends the next day. */
  timeSlot?: string | null;
}

/** A deadline and the start of its warning window, before any pause moves them. */
export interface SlaTarget {
  dueAt: Date;
  warnAt: Date;
}

const MINUTE = 60_000;

/** The order's deadline and warning time under the tenant's policy; null when its type sets none. */
export function slaTarget(policy: SlaPolicy, request: SlaRequest): SlaTarget | null {
  const due = dueAt(policy.rules[request.type], request, policy.timeZone);
  if (!due) return null;
  const allowance = Math.max(0, due.getTime() - request.startedAt.getTime());
  const window = Math.max(allowance * policy.warningShare, policy.minWarningMinutes * MINUTE);
  return { dueAt: due, warnAt: new Date(due.getTime() - window) };
}

function dueAt(rule: SlaRule, request: SlaRequest, timeZone: string): Date | null {
  const start = request.startedAt;
  const wall = (): WallTime => wallTimeOf(start, timeZone);
  switch (rule.kind) {
    case 'WITHIN':
      return new Date(start.getTime() + rule.minutes * MINUTE);
    case 'BUSINESS_HOURS': {
      const now = wall();
      if (now.minuteOfDay >= parseClock(rule.opens) && now.minuteOfDay < parseClock(rule.closes)) return new Date(start.getTime() + rule.minutes * MINUTE);
      // After closing: the next morning; before opening, this morning is the next one.
      const day = now.minuteOfDay >= parseClock(rule.closes) ? addDays(now, 1) : now;
      return instantOf(day, parseClock(rule.afterHoursBy), timeZone);
    }
    case 'SAME_DAY_BY': {
      const now = wall();
      const by = parseClock(rule.by);
      return instantOf(now.minuteOfDay < by ? now : addDays(now, 1), by, timeZone);
    }
    case 'SLOT_END': {
      if (!request.requestedDate || !request.timeSlot) return null;
      const [from, to] = request.timeSlot.split('-').map(parseClock) as [number, number];
      const day = parseDay(request.requestedDate);
      return instantOf(to <= from ? addDays(day, 1) : day, to, timeZone);
    }
    case 'NONE':
      return null;
  }
}
