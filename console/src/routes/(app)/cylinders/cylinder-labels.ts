import type { CylinderState } from '$lib/api/cylinder-types';
import { m } from '$paraglide/messages';

/** A cylinder's states and log entries in the active language; one the API adds later shows as its name. */
const STATES: Record<CylinderState, () => string> = {
  REGISTERED: m.cylinder_state_registered,
  EMPTY_STOCK: m.cylinder_state_empty_stock,
  FILLED: m.cylinder_state_filled,
  FULL_STOCK: m.cylinder_state_full_stock,
  IN_TRANSIT: m.cylinder_state_in_transit,
  AT_CUSTOMER: m.cylinder_state_at_customer,
  RETURNED: m.cylinder_state_returned,
  INSPECTION: m.cylinder_state_inspection,
  LOST: m.cylinder_state_lost,
  SCRAPPED: m.cylinder_state_scrapped,
};
export const cylinderStateLabel = (state: string): string => STATES[state as CylinderState]?.() ?? state;

const EVENTS: Record<string, () => string> = {
  REGISTER: m.cylinder_event_register,
  UPDATE: m.cylinder_event_update,
  FILL_REFUSED: m.cylinder_event_fill_refused,
  STOCK_IN_EMPTY: m.cylinder_event_stock_in_empty,
  FILL: m.cylinder_event_fill,
  STOCK_IN_FULL: m.cylinder_event_stock_in_full,
  DISPATCH: m.cylinder_event_dispatch,
  RECEIVE: m.cylinder_event_receive,
  HAND_OVER: m.cylinder_event_hand_over,
  TAKE_BACK: m.cylinder_event_take_back,
  SEND_TO_INSPECTION: m.cylinder_event_send_to_inspection,
  PASS_INSPECTION: m.cylinder_event_pass_inspection,
  REPORT_LOST: m.cylinder_event_report_lost,
  FIND: m.cylinder_event_find,
  SCRAP: m.cylinder_event_scrap,
};
export const cylinderEventLabel = (event: string): string => EVENTS[event]?.() ?? event;
