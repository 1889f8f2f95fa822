import type { ServiceOrder } from './service-order.entity';
import type { SlaClock } from './sla/sla-clock';
import { slaTarget, type SlaTarget } from './sla/sla-deadline';
import type { SlaPolicy } from './sla/sla-policy';

/** The order's SLA clock, as the pure model reads it. */
export const clockOf = (o: ServiceOrder): SlaClock => ({
  dueAt: o.dueAt,
  warnAt: o.warnAt,
  pausedMs: o.pausedMs,
  pausedSince: o.pausedSince,
  closedAt: o.closedAt,
});

/** Writes a clock the model returned back onto the order. */
export function setClock(o: ServiceOrder, clock: SlaClock): void {
  ({ dueAt: o.dueAt, warnAt: o.warnAt, pausedMs: o.pausedMs, pausedSince: o.pausedSince, closedAt: o.closedAt } = clock);
}

/** The order's deadline under `policy` for its current type, before pauses. */
export const targetOf = (policy: SlaPolicy, o: Pick<ServiceOrder, 'type' | 'reportedAt' | 'requestedDate' | 'timeSlot'>): SlaTarget | null =>
  slaTarget(policy, { type: o.type, startedAt: o.reportedAt, requestedDate: o.requestedDate, timeSlot: o.timeSlot });
