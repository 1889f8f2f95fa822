import { registerEnumType } from 'type-graphql';

/** What the customer service centre (客服中心, seed 000) is asked to do. */
export enum ServiceOrderType {
  DELIVERY = 'DELIVERY',
  PICKUP = 'PICKUP',
  REPAIR = 'REPAIR',
  GAS_SMELL = 'GAS_SMELL',
  COMPLAINT = 'COMPLAINT',
  SUGGESTION = 'SUGGESTION',
  CARE_CALL = 'CARE_CALL',
  CALLBACK = 'CALLBACK',
}

export enum ServiceOrderStatus {
  RECEIVED = 'RECEIVED',
  ASSIGNED = 'ASSIGNED',
  DISPATCHED = 'DISPATCHED',
  DELIVERED = 'DELIVERED',
  COMPLETED = 'COMPLETED',
  FAILED = 'FAILED',
  CANCELLED = 'CANCELLED',
}

/** Where an order stands against its service commitment. */
export enum SlaState {
  NONE = 'NONE',
  ON_TRACK = 'ON_TRACK',
  AT_RISK = 'AT_RISK',
  BREACHED = 'BREACHED',
  PAUSED = 'PAUSED',
  MET = 'MET',
}

/** What an event row of an order records. */
export enum ServiceOrderEventKind {
  CREATED = 'CREATED',
  STATUS_CHANGED = 'STATUS_CHANGED',
  RECLASSIFIED = 'RECLASSIFIED',
  ESCALATED = 'ESCALATED',
}

registerEnumType(ServiceOrderType, {
  name: 'ServiceOrderType',
  description: 'What a service order asks for; each type has its own service commitment (see `SlaState`).',
  valuesConfig: {
    DELIVERY: { description: 'Gas delivery by appointment (预约送气): by the end of the requested time slot.' },
    PICKUP: { description: 'Collection at a store by the customer (门店自提).' },
    REPAIR: { description: 'An indoor fault: attended within 4 h in business hours (08:00–19:00), by 12:00 the next day when reported after 19:00.' },
    GAS_SMELL: { description: 'A gas smell or leak report: attended within 30 minutes, day and night; never refused, even without a customer.' },
    COMPLAINT: { description: 'A complaint: handled within 24 hours.' },
    SUGGESTION: { description: 'A suggestion: no deadline.' },
    CARE_CALL: { description: 'A care call to the customer (回访), by the end of its scheduled day or slot.' },
    CALLBACK: { description: 'A call back to the customer: the same day by 21:00 (reported after 21:00: by 21:00 the next day).' },
  },
});
registerEnumType(ServiceOrderStatus, {
  name: 'ServiceOrderStatus',
  description: 'RECEIVED → ASSIGNED → DISPATCHED → DELIVERED or COMPLETED; FAILED or CANCELLED from any open status.',
  valuesConfig: {
    RECEIVED: { description: 'Taken, not yet routed to a store (also after a reclassification).' },
    ASSIGNED: { description: 'Routed to a store and, if known, a person.' },
    DISPATCHED: { description: 'Someone is on the way (or the goods are).' },
    DELIVERED: { description: 'Closed: the gas was delivered or collected (DELIVERY, PICKUP).' },
    COMPLETED: { description: 'Closed: the work was done (every other type).' },
    FAILED: { description: 'Closed: it could not be done; the reason says why.' },
    CANCELLED: { description: 'Closed: no longer wanted; the reason says why.' },
  },
});
registerEnumType(SlaState, {
  name: 'SlaState',
  description: 'An order against its deadline, in your company’s time zone.',
  valuesConfig: {
    NONE: { description: 'Its type carries no deadline (a suggestion, a delivery without a slot).' },
    ON_TRACK: { description: 'Open, before its warning window.' },
    AT_RISK: { description: 'Open, within its warning window (the last 20 % of its allowance, at least 5 minutes).' },
    BREACHED: { description: 'Past its deadline: open, or closed late.' },
    PAUSED: { description: 'Its clock is stopped while a reclassification waits to be re-assigned; the wait is added to the deadline.' },
    MET: { description: 'Closed by its deadline.' },
  },
});
registerEnumType(ServiceOrderEventKind, {
  name: 'ServiceOrderEventKind',
  description: 'What an entry of an order’s history records.',
  valuesConfig: {
    CREATED: { description: 'The order was taken.' },
    STATUS_CHANGED: { description: 'Its status moved (`from` → `to`).' },
    RECLASSIFIED: { description: 'Its type changed; the note names both types.' },
    ESCALATED: { description: 'It became AT_RISK or BREACHED and was flagged to supervisors; the note says which.' },
  },
});

/** Statuses that end an order. */
export const CLOSED_STATUSES: readonly ServiceOrderStatus[] = [
  ServiceOrderStatus.DELIVERED,
  ServiceOrderStatus.COMPLETED,
  ServiceOrderStatus.FAILED,
  ServiceOrderStatus.CANCELLED,
];
export const isOpen = (status: ServiceOrderStatus): boolean => !CLOSED_STATUSES.includes(status);
