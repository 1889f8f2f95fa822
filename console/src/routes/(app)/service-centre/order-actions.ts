import type { ActionProblem } from '$lib/api/action-problem';
import type { ServiceOrder, ServiceOrderType } from '$lib/api/service-order-types';
import { isOpen } from './queue-view';

/** What a writer may do to an order. */
export type OrderAction = 'assign' | 'dispatch' | 'complete' | 'fail' | 'cancel' | 'reclassify';

/** Types someone goes out for: completed only once dispatched. */
const FIELDWORK: readonly ServiceOrderType[] = ['DELIVERY', 'REPAIR', 'GAS_SMELL'];

/** Goods are DELIVERED (or collected); work is COMPLETED. */
export const closesAsDelivered = (type: ServiceOrderType): boolean => type === 'DELIVERY' || type === 'PICKUP';

/**
 * The actions the service's status machine allows an order now, offered as buttons (the service
 * checks again, and says INVALID_ORDER_TRANSITION if the order moved on meanwhile): routing until
 * dispatch, desk work closed from ASSIGNED, fieldwork once DISPATCHED, failing or cancelling any
 * open order, and reclassifying any open order but a gas smell (what was found is an order of its own).
 */
export function orderActions(order: Pick<ServiceOrder, 'type' | 'status'>): OrderAction[] {
  const { status, type } = order;
  if (!isOpen(status)) return [];
  const actions: OrderAction[] = [];
  if (status === 'RECEIVED' || status === 'ASSIGNED') actions.push('assign');
  if (status === 'ASSIGNED') actions.push('dispatch');
  if (status === 'DISPATCHED' || (status === 'ASSIGNED' && !FIELDWORK.includes(type))) actions.push('complete');
  actions.push('fail', 'cancel');
  if (type !== 'GAS_SMELL') actions.push('reclassify');
  return actions;
}

/** The actions on one order as the panel calls them; each resolves to why it was refused, or null once done. */
export interface OrderCommands {
  assign: (storeId: string, assignee: string | null) => Promise<ActionProblem | null>;
  dispatch: () => Promise<ActionProblem | null>;
  complete: (hazardControlled: boolean, note: string | null) => Promise<ActionProblem | null>;
  fail: (reason: string) => Promise<ActionProblem | null>;
  cancel: (reason: string) => Promise<ActionProblem | null>;
  reclassify: (type: ServiceOrderType) => Promise<ActionProblem | null>;
}
