import type { ServiceOrder, SlaState } from '$lib/api/service-order-types';
import { isOpen } from './queue-view';

/** An order's clock as shown now: its SLA state, and for a running clock the time left (negative: overdue). */
export interface SlaReading {
  state: SlaState;
  /** Milliseconds to the deadline; null when the clock is not running (closed, paused, no deadline). */
  remainingMs: number | null;
}

/**
 * The clock of `order` at `now` (the browser's time), from the deadline and state the gateway sent.
 * The warning window is the service's to know: AT_RISK arrives as the order's escalation event. A
 * deadline passed is a deadline passed: BREACHED from that second on, without waiting for the event.
 */
export function slaReading(order: Pick<ServiceOrder, 'status' | 'deadline' | 'slaState'>, now: number): SlaReading {
  const { slaState } = order;
  if (!isOpen(order.status) || !order.deadline || slaState === 'PAUSED' || slaState === 'NONE') return { state: slaState, remainingMs: null };
  const remainingMs = Date.parse(order.deadline) - now;
  return { state: remainingMs < 0 ? 'BREACHED' : slaState, remainingMs };
}

/** A countdown as a clock reads: "4:05", "1:02:03", "27:00:00"; overdue with a minus, "−0:42". */
export function countdown(ms: number): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const two = (n: number) => String(n).padStart(2, '0');
  const [h, m, s] = [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60];
  const clock = h ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
  return ms < 0 && total > 0 ? `−${clock}` : clock;
}
