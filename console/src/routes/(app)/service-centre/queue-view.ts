import type { ServiceOrder, ServiceOrderFilter, ServiceOrderStatus, ServiceOrderType, SlaState } from '$lib/api/service-order-types';

/**
 * What the service centre shows, kept in the URL so a link reproduces the view and Back undoes a
 * filter: `?status=RECEIVED,ASSIGNED&type=GAS_SMELL&sla=AT_RISK,BREACHED&store=<id>&order=<id>`.
 * A list left empty selects any value; without `status` the queue shows the open orders.
 */
export interface QueueView {
  statuses: ServiceOrderStatus[];
  types: ServiceOrderType[];
  slaStates: SlaState[];
  storeId: string | null;
  /** The order open in the panel. */
  selected: string | null;
}

export const ORDER_STATUSES: readonly ServiceOrderStatus[] = ['RECEIVED', 'ASSIGNED', 'DISPATCHED', 'DELIVERED', 'COMPLETED', 'FAILED', 'CANCELLED'];
export const OPEN_STATUSES: readonly ServiceOrderStatus[] = ['RECEIVED', 'ASSIGNED', 'DISPATCHED'];
export const ORDER_TYPES: readonly ServiceOrderType[] = ['GAS_SMELL', 'REPAIR', 'DELIVERY', 'PICKUP', 'COMPLAINT', 'CALLBACK', 'CARE_CALL', 'SUGGESTION'];
export const SLA_STATES: readonly SlaState[] = ['BREACHED', 'AT_RISK', 'ON_TRACK', 'PAUSED', 'MET', 'NONE'];

export const isOpen = (status: ServiceOrderStatus): boolean => OPEN_STATUSES.includes(status);

export const defaultQueueView = (): QueueView => ({ statuses: [...OPEN_STATUSES], types: [], slaStates: [], storeId: null, selected: null });

/** The known values of a comma-separated list, in their canonical order; unknown ones are dropped. */
function listParam<T extends string>(params: URLSearchParams, name: string, known: readonly T[]): T[] | null {
  const raw = params.get(name);
  if (raw === null) return null;
  const given = new Set(raw.split(','));
  return known.filter((value) => given.has(value));
}

export function parseQueueView(params: URLSearchParams): QueueView {
  return {
    statuses: listParam(params, 'status', ORDER_STATUSES) ?? [...OPEN_STATUSES],
    types: listParam(params, 'type', ORDER_TYPES) ?? [],
    slaStates: listParam(params, 'sla', SLA_STATES) ?? [],
    storeId: params.get('store') || null,
    selected: params.get('order') || null,
  };
}

/** The query string (without `?`) of a view; the default view has none. */
export function queueViewQuery(view: QueueView): string {
  const params = new URLSearchParams();
  const canonical = <T extends string>(values: T[], known: readonly T[]) => known.filter((value) => values.includes(value)).join(',');
  const statuses = canonical(view.statuses, ORDER_STATUSES);
  if (statuses !== OPEN_STATUSES.join(',')) params.set('status', statuses);
  if (view.types.length) params.set('type', canonical(view.types, ORDER_TYPES));
  if (view.slaStates.length) params.set('sla', canonical(view.slaStates, SLA_STATES));
  if (view.storeId) params.set('store', view.storeId);
  if (view.selected) params.set('order', view.selected);
  // Commas read better in a link than their escapes, and mean nothing special in a query value.
  return params.toString().replace(/%2C/gi, ',');
}

/** The `serviceOrders(filter:)` argument of a view; null lists every order. */
export function toOrderFilter(view: QueueView): ServiceOrderFilter | null {
  const filter: ServiceOrderFilter = {};
  if (view.statuses.length) filter.statuses = view.statuses;
  if (view.types.length) filter.types = view.types;
  if (view.slaStates.length) filter.slaStates = view.slaStates;
  if (view.storeId) filter.storeId = view.storeId;
  return Object.keys(filter).length ? filter : null;
}

/** The list's part of a view, to read the list again only when it changes (not when an order is opened). */
export const listKey = (view: QueueView): string => JSON.stringify(toOrderFilter(view));

/** Whether the view selects an order as a live event has it now (its SLA state as the gateway sent it). */
export function matchesView(order: Pick<ServiceOrder, 'status' | 'type' | 'slaState' | 'store'>, view: QueueView): boolean {
  if (view.statuses.length && !view.statuses.includes(order.status)) return false;
  if (view.types.length && !view.types.includes(order.type)) return false;
  if (view.slaStates.length && !view.slaStates.includes(order.slaState)) return false;
  return !view.storeId || order.store?.id === view.storeId;
}
