import { m } from '$paraglide/messages';
import type { FuelPointState } from './api/fueling-types';

/**
 * The fueling domain's codes in words: IFSF pump states, the card host's refusals, the anomaly
 * rules, the pumps' alarms. Plain maps of message functions, so the catalogue test sees every key;
 * a code the API adds later shows as itself until it is worded here.
 */
const STATES: Record<FuelPointState, () => string> = {
  INOPERATIVE: m.fuel_state_inoperative,
  CLOSED: m.fuel_state_closed,
  IDLE: m.fuel_state_idle,
  CALLING: m.fuel_state_calling,
  AUTHORISED: m.fuel_state_authorised,
  STARTED: m.fuel_state_started,
  SUSPENDED_STARTED: m.fuel_state_suspended_started,
  FUELLING: m.fuel_state_fuelling,
  SUSPENDED_FUELLING: m.fuel_state_suspended_fuelling,
};
export const fuelPointStateLabel = (state: FuelPointState | null): string => (state ? (STATES[state]?.() ?? state) : m.fuel_state_unknown());

/** Why the card host refused a card read (platform `CardRefusal`, and the host's own PUMP_UNKNOWN, NOZZLE_UNKNOWN, REQUEST_EXPIRED). */
const REFUSALS: Record<string, () => string> = {
  CARD_UNKNOWN: m.fuel_refusal_card_unknown,
  CARD_BLACKLISTED: m.fuel_refusal_card_blacklisted,
  CARD_LOST: m.fuel_refusal_card_lost,
  CARD_BLOCKED: m.fuel_refusal_card_blocked,
  CARD_REPLACED: m.fuel_refusal_card_replaced,
  CARD_CANCELLED: m.fuel_refusal_card_cancelled,
  CARD_EXPIRED: m.fuel_refusal_card_expired,
  GRADE_NOT_ALLOWED: m.fuel_refusal_grade_not_allowed,
  STATION_NOT_ALLOWED: m.fuel_refusal_station_not_allowed,
  PLATE_MISMATCH: m.fuel_refusal_plate_mismatch,
  LIMIT_REACHED: m.fuel_refusal_limit_reached,
  INSUFFICIENT_FUNDS: m.fuel_refusal_insufficient_funds,
  NO_PRICE: m.fuel_refusal_no_price,
  PUMP_UNKNOWN: m.fuel_refusal_pump_unknown,
  NOZZLE_UNKNOWN: m.fuel_refusal_nozzle_unknown,
  REQUEST_EXPIRED: m.fuel_refusal_request_expired,
};
export const refusalLabel = (code: string | null): string => (code ? (REFUSALS[code]?.() ?? code) : m.fuel_refusal_none());

/** What the anomaly rules flag on a settled sale (platform `SaleAnomaly`, and UNFUNDED, CARD_UNKNOWN from settlement). */
const ANOMALIES: Record<string, () => string> = {
  TOTALIZER_GAP: m.fuel_anomaly_totalizer_gap,
  TOTALIZER_MISMATCH: m.fuel_anomaly_totalizer_mismatch,
  PRICE_VOLUME_MISMATCH: m.fuel_anomaly_price_volume_mismatch,
  PRICE_NOT_IN_EFFECT: m.fuel_anomaly_price_not_in_effect,
  LARGE_AMOUNT: m.fuel_anomaly_large_amount,
  FREQUENT_SWIPES: m.fuel_anomaly_frequent_swipes,
  IMPOSSIBLE_TRAVEL: m.fuel_anomaly_impossible_travel,
  UNFUNDED: m.fuel_anomaly_unfunded,
  CARD_UNKNOWN: m.fuel_anomaly_card_unknown,
};
export const anomalyLabel = (code: string): string => ANOMALIES[code]?.() ?? code;

/** A pump twin's alarms (twins `pumpAlarmRules`). */
const PUMP_ALARMS: Record<string, () => string> = {
  PUMP_TOTALIZER_GAP: m.pump_alarm_totalizer_gap,
  PUMP_DISPENSING_UNAUTHORISED: m.pump_alarm_dispensing_unauthorised,
  FUEL_SALE_LARGE_AMOUNT: m.pump_alarm_large_amount,
  FUEL_SALE_FREQUENT_SWIPES: m.pump_alarm_frequent_swipes,
  FUEL_SALE_IMPOSSIBLE_TRAVEL: m.pump_alarm_impossible_travel,
  FUEL_SALE_PRICE_MISMATCH: m.pump_alarm_price_mismatch,
  FUEL_SALE_UNFUNDED: m.pump_alarm_unfunded,
};
export const pumpAlarmLabel = (code: string, message: string): string => PUMP_ALARMS[code]?.() ?? message;

/* Cards. */

export const FUEL_CARD_KINDS = ['NAMED', 'ANONYMOUS', 'MASTER', 'SUB'] as const;
export type FuelCardKind = (typeof FUEL_CARD_KINDS)[number];
const KINDS: Record<FuelCardKind, () => string> = {
  NAMED: m.fuel_card_kind_named,
  ANONYMOUS: m.fuel_card_kind_anonymous,
  MASTER: m.fuel_card_kind_master,
  SUB: m.fuel_card_kind_sub,
};
export const cardKindLabel = (kind: string): string => KINDS[kind as FuelCardKind]?.() ?? kind;

export const FUEL_CARD_STATUSES = ['ACTIVE', 'LOST', 'BLOCKED', 'REPLACED', 'CANCELLED'] as const;
export type FuelCardStatus = (typeof FUEL_CARD_STATUSES)[number];
const STATUSES: Record<FuelCardStatus, () => string> = {
  ACTIVE: m.fuel_card_status_active,
  LOST: m.fuel_card_status_lost,
  BLOCKED: m.fuel_card_status_blocked,
  REPLACED: m.fuel_card_status_replaced,
  CANCELLED: m.fuel_card_status_cancelled,
};
export const cardStatusLabel = (status: string): string => STATUSES[status as FuelCardStatus]?.() ?? status;

const FUNDING: Record<string, () => string> = { STORED_VALUE: m.fuel_card_funding_stored_value, CREDIT: m.fuel_card_funding_credit };
export const cardFundingLabel = (funding: string): string => FUNDING[funding]?.() ?? funding;

export const LIMIT_PERIODS = ['DAY', 'WEEK', 'MONTH', 'LIFETIME'] as const;
export type LimitPeriod = (typeof LIMIT_PERIODS)[number];
const PERIODS: Record<LimitPeriod, () => string> = {
  DAY: m.fuel_limit_day,
  WEEK: m.fuel_limit_week,
  MONTH: m.fuel_limit_month,
  LIFETIME: m.fuel_limit_lifetime,
};
export const limitPeriodLabel = (period: string): string => PERIODS[period as LimitPeriod]?.() ?? period;

/* Reports. */

const SHIFTS: Record<string, () => string> = { DAY: m.fuel_shift_day, NIGHT: m.fuel_shift_night };
export const shiftLabel = (shift: string | null): string => (shift ? (SHIFTS[shift]?.() ?? shift) : '—');
