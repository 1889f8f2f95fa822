/**
 * TypeScript shapes of the service centre (客服中心, the customers domain) as the console selects
 * them (service-order-queries.ts). Times are ISO instants; `requestedDate` a calendar day.
 */
import type { Connection } from './types';

export type ServiceOrderType = 'DELIVERY' | 'PICKUP' | 'REPAIR' | 'GAS_SMELL' | 'COMPLAINT' | 'SUGGESTION' | 'CARE_CALL' | 'CALLBACK';
export type ServiceOrderStatus = 'RECEIVED' | 'ASSIGNED' | 'DISPATCHED' | 'DELIVERED' | 'COMPLETED' | 'FAILED' | 'CANCELLED';
export type SlaState = 'NONE' | 'ON_TRACK' | 'AT_RISK' | 'BREACHED' | 'PAUSED' | 'MET';
export type ServiceOrderEventKind = 'CREATED' | 'STATUS_CHANGED' | 'RECLASSIFIED' | 'ESCALATED';

/** One entry of an order's history, oldest first. */
export interface ServiceOrderEvent {
  at: string;
  actor: string;
  kind: ServiceOrderEventKind;
  fromStatus: ServiceOrderStatus | null;
  toStatus: ServiceOrderStatus | null;
  note: string | null;
}

/** An order as the queue, the panel and every event show it. */
export interface ServiceOrder {
  id: string;
  number: string;
  type: ServiceOrderType;
  status: ServiceOrderStatus;
  /** Null for a gas smell reported by someone who is not a customer. */
  customer: { id: string; name: string } | null;
  store: { id: string; name: string } | null;
  assignee: string | null;
  address: string | null;
  /** Masked (`138****0003`). */
  phone: string | null;
  requestedDate: string | null;
  timeSlot: string | null;
  cylinderSpec: string | null;
  quantity: number | null;
  notes: string | null;
  reason: string | null;
  hazardControlled: boolean | null;
  detectorId: string | null;
  lelPercent: number | null;
  valveOpen: boolean | null;
  reportedAt: string;
  /** Null when the type sets no deadline. */
  deadline: string | null;
  /** Where it stood when the gateway read it. */
  slaState: SlaState;
  pausedSince: string | null;
  escalation: 'AT_RISK' | 'BREACHED' | null;
  escalatedAt: string | null;
  closedAt: string | null;
  createdBy: string;
  updatedAt: string;
  events: ServiceOrderEvent[];
}

/** The API's ServiceOrderFilter; a list left out does not filter. */
export interface ServiceOrderFilter {
  statuses?: ServiceOrderStatus[];
  types?: ServiceOrderType[];
  storeId?: string;
  slaStates?: SlaState[];
}

export interface CreateServiceOrderInput {
  type: ServiceOrderType;
  customerId?: string;
  storeId?: string;
  address?: string;
  phone?: string;
  requestedDate?: string;
  timeSlot?: string;
  cylinderSpec?: string;
  quantity?: number;
  notes?: string;
}

export interface ServiceOrdersPage {
  serviceOrders: Connection<ServiceOrder> & { totalCount: number };
}

/** A customer offered by the new order's customer search. */
export interface CustomerChoice {
  id: string;
  name: string;
  cardNumber: string;
  phones: string[];
  supplyAddress: string | null;
  blacklistedAt: string | null;
}
