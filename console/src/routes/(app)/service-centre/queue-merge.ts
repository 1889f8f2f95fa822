import type { ServiceOrder } from '$lib/api/service-order-types';
import { isOpen, matchesView, type QueueView } from './queue-view';

type Sorted = Pick<ServiceOrder, 'id' | 'status' | 'deadline'>;

/**
 * The queue's order, as the service sorts it: open orders first, then the nearest deadline (those
 * without one last), then the id. (The service sorts a paused order by its deadline before the
 * pause; the console has only the deadline as it stands, which a pause keeps pushing back.)
 */
export function compareQueue(a: Sorted, b: Sorted): number {
  const closed = Number(!isOpen(a.status)) - Number(!isOpen(b.status));
  if (closed) return closed;
  const due = (o: Sorted) => (o.deadline ? Date.parse(o.deadline) : Number.POSITIVE_INFINITY);
  const byDue = due(a) - due(b);
  if (byDue) return byDue;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The later of two states of one order. Each change moves `updatedAt`; at an equal one the incoming
 * state wins, read later, so its SLA state is the fresher.
 */
export function newer<T extends Pick<ServiceOrder, 'updatedAt'>>(current: T | null | undefined, incoming: T): T {
  return current && Date.parse(current.updatedAt) > Date.parse(incoming.updatedAt) ? current : incoming;
}

/**
 * The queue after hearing of `order` (a live event or an action's answer): replaced where it is, or
 * placed by its deadline, or taken out when the view no longer selects it (closed, moved to another
 * store, another SLA state). `complete`: every page is loaded; otherwise an order that sorts after
 * the last row loaded belongs to a page not read yet, and "Load more" brings it.
 */
export function mergeOrder(items: ServiceOrder[], order: ServiceOrder, view: QueueView, complete: boolean): ServiceOrder[] {
  const current = items.find((o) => o.id === order.id);
  const chosen = newer(current, order);
  const rest = current ? items.filter((o) => o.id !== order.id) : items;
  if (!matchesView(chosen, view)) return rest;
  const last = rest.at(-1);
  if (!current && !complete && last && compareQueue(chosen, last) > 0) return items;
  const at = rest.findIndex((o) => compareQueue(chosen, o) < 0);
  return at < 0 ? [...rest, chosen] : [...rest.slice(0, at), chosen, ...rest.slice(at)];
}
