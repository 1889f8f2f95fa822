import { SlaState } from '../service-order.enums';
import type { SlaTarget } from './sla-deadline';

/**
 * An order's clock as stored: its deadline and warning time (moved by every pause that has ended),
 * the time paused so far, and the pause under way. Pure: every function takes the time it acts at.
 */
export interface SlaClock {
  dueAt: Date | null;
  warnAt: Date | null;
  pausedMs: number;
  pausedSince: Date | null;
  closedAt: Date | null;
}

/** The escalations a supervisor is told of, each once, in this order. */
export type Escalation = SlaState.AT_RISK | SlaState.BREACHED;

const shift = (at: Date | null, ms: number) => at && new Date(at.getTime() + ms);

/** The deadline as it stands at `now`: a pause under way keeps pushing it back. */
export function deadlineOf(clock: SlaClock, now: Date): Date | null {
  return clock.pausedSince && !clock.closedAt ? shift(clock.dueAt, now.getTime() - clock.pausedSince.getTime()) : clock.dueAt;
}

/**
 * Where the order stands at `now`. The deadline itself is still in time (attended at 10:30 for a
 * 10:30 deadline is met); AT_RISK from the first instant of the warning window.
 */
export function slaStateOf(clock: SlaClock, now: Date): SlaState {
  if (!clock.dueAt || !clock.warnAt) return SlaState.NONE;
  if (clock.closedAt) return clock.closedAt <= clock.dueAt ? SlaState.MET : SlaState.BREACHED;
  if (clock.pausedSince) return SlaState.PAUSED;
  if (now > clock.dueAt) return SlaState.BREACHED;
  return now >= clock.warnAt ? SlaState.AT_RISK : SlaState.ON_TRACK;
}

/** Stops the clock at `at` (a pause already under way goes on from when it began). */
export const paused = (clock: SlaClock, at: Date): SlaClock => (clock.pausedSince ? clock : { ...clock, pausedSince: at });

/** Starts the clock again: the time it stood still is added to the deadline and the warning time. */
export function resumed(clock: SlaClock, at: Date): SlaClock {
  if (!clock.pausedSince) return clock;
  const ms = Math.max(0, at.getTime() - clock.pausedSince.getTime());
  return { ...clock, pausedMs: clock.pausedMs + ms, pausedSince: null, dueAt: shift(clock.dueAt, ms), warnAt: shift(clock.warnAt, ms) };
}

/** A new target (the order was reclassified), moved by the time already paused. */
export const retargeted = (clock: SlaClock, target: SlaTarget | null): SlaClock => ({
  ...clock,
  dueAt: target && shift(target.dueAt, clock.pausedMs),
  warnAt: target && shift(target.warnAt, clock.pausedMs),
});

/** The clock of an order closed at `at`: a pause under way ends with it. */
export const closed = (clock: SlaClock, at: Date): SlaClock => ({ ...resumed(clock, at), closedAt: at });

/**
 * The escalation the order is due at `now` given the last one flagged, or null: AT_RISK once, then
 * BREACHED once (an order that goes straight past its deadline gets BREACHED alone).
 */
export function escalationDue(clock: SlaClock, flagged: Escalation | null, now: Date): Escalation | null {
  if (clock.closedAt) return null;
  const state = slaStateOf(clock, now);
  if (state === SlaState.BREACHED) return flagged === SlaState.BREACHED ? null : SlaState.BREACHED;
  if (state === SlaState.AT_RISK) return flagged ? null : SlaState.AT_RISK;
  return null;
}
