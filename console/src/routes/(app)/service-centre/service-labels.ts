import type { ServiceOrderEventKind, ServiceOrderStatus, ServiceOrderType, SlaState } from '$lib/api/service-order-types';
import { m } from '$paraglide/messages';

/** Names of the service centre's enum values in the active language (plain maps, so the catalogue test sees every key). */
const TYPES: Record<ServiceOrderType, () => string> = {
  DELIVERY: m.service_type_delivery,
  PICKUP: m.service_type_pickup,
  REPAIR: m.service_type_repair,
  GAS_SMELL: m.service_type_gas_smell,
  COMPLAINT: m.service_type_complaint,
  SUGGESTION: m.service_type_suggestion,
  CARE_CALL: m.service_type_care_call,
  CALLBACK: m.service_type_callback,
};
export const orderTypeLabel = (type: ServiceOrderType): string => TYPES[type]();

const STATUSES: Record<ServiceOrderStatus, () => string> = {
  RECEIVED: m.service_status_received,
  ASSIGNED: m.service_status_assigned,
  DISPATCHED: m.service_status_dispatched,
  DELIVERED: m.service_status_delivered,
  COMPLETED: m.service_status_completed,
  FAILED: m.service_status_failed,
  CANCELLED: m.service_status_cancelled,
};
export const orderStatusLabel = (status: ServiceOrderStatus): string => STATUSES[status]();

const SLA_STATES: Record<SlaState, () => string> = {
  NONE: m.sla_state_none,
  ON_TRACK: m.sla_state_on_track,
  AT_RISK: m.sla_state_at_risk,
  BREACHED: m.sla_state_breached,
  PAUSED: m.sla_state_paused,
  MET: m.sla_state_met,
};
export const slaStateLabel = (state: SlaState): string => SLA_STATES[state]();

const EVENT_KINDS: Record<ServiceOrderEventKind, () => string> = {
  CREATED: m.service_event_created,
  STATUS_CHANGED: m.service_event_status_changed,
  RECLASSIFIED: m.service_event_reclassified,
  ESCALATED: m.service_event_escalated,
};
export const orderEventLabel = (kind: ServiceOrderEventKind): string => EVENT_KINDS[kind]();
