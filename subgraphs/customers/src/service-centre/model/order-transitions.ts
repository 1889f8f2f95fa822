import { HearthError } from '@hearth/platform';
import { isOpen, ServiceOrderStatus, ServiceOrderType } from '../service-order.enums';

/** What someone does to an order; each moves its status as `nextStatus` allows. */
export type OrderAction = 'ASSIGN' | 'DISPATCH' | 'COMPLETE' | 'FAIL' | 'CANCEL' | 'RECLASSIFY';

/** Types someone must go out for: they are completed only once dispatched. */
const FIELDWORK: readonly ServiceOrderType[] = [ServiceOrderType.DELIVERY, ServiceOrderType.REPAIR, ServiceOrderType.GAS_SMELL];

/** The status that closes a done order: goods are DELIVERED (or collected), work is COMPLETED. */
export const doneStatus = (type: ServiceOrderType): ServiceOrderStatus =>
  type === ServiceOrderType.DELIVERY || type === ServiceOrderType.PICKUP ? ServiceOrderStatus.DELIVERED : ServiceOrderStatus.COMPLETED;

const { RECEIVED, ASSIGNED, DISPATCHED, FAILED, CANCELLED } = ServiceOrderStatus;

/**
 * The status `action` takes an order of `type` to from `status`, or INVALID_ORDER_TRANSITION naming
 * the current status. Routing may change until someone is dispatched (ASSIGN from RECEIVED or
 * ASSIGNED); desk work (a complaint, a call) is completed from ASSIGNED; a reclassified order goes
 * back to RECEIVED to be routed again; any open order may fail or be cancelled.
 */
export function nextStatus(type: ServiceOrderType, status: ServiceOrderStatus, action: OrderAction): ServiceOrderStatus {
  const to = target(type, status, action);
  if (!to) {
    throw new HearthError('INVALID_ORDER_TRANSITION', `A ${status} ${type} order cannot ${action.toLowerCase()}: reload it and act on its current status.`, {
      status,
      action,
    });
  }
  return to;
}

function target(type: ServiceOrderType, status: ServiceOrderStatus, action: OrderAction): ServiceOrderStatus | null {
  switch (action) {
    case 'ASSIGN':
      return status === RECEIVED || status === ASSIGNED ? ASSIGNED : null;
    case 'DISPATCH':
      return status === ASSIGNED ? DISPATCHED : null;
    case 'COMPLETE':
      return status === DISPATCHED || (status === ASSIGNED && !FIELDWORK.includes(type)) ? doneStatus(type) : null;
    case 'FAIL':
      return isOpen(status) ? FAILED : null;
    case 'CANCEL':
      return isOpen(status) ? CANCELLED : null;
    case 'RECLASSIFY':
      return isOpen(status) ? RECEIVED : null;
  }
}
