import { m } from '$paraglide/messages';
import type {
  MeterAlarmLevel,
  MeterChargeStatus,
  MeterCommandAction,
  MeterKind,
  ReconnectAction,
  RelayState,
  SupplyEventAction,
  TariffBillingPeriod,
  TariffType,
  TouDays,
  TouPeriod,
} from './api/metering-types';

/**
 * The metering domain's codes in words: meter kinds and their units, relay states, alarm levels,
 * relay commands, supply decisions and why, what became of a reading, tariff types and time-of-use periods. Plain maps of
 * message functions, so the catalogue test sees every key; a code the API adds later shows as itself.
 */
export const METER_KINDS: readonly MeterKind[] = ['ELECTRICITY', 'GAS'];
const KINDS: Record<MeterKind, () => string> = { ELECTRICITY: m.metering_kind_electricity, GAS: m.metering_kind_gas };
export const meterKindLabel = (kind: MeterKind): string => KINDS[kind]?.() ?? kind;

/** The register's unit: kWh for electricity, m³ for gas (SI symbols, as in either language). */
export const meterUnit = (kind: MeterKind): string => (kind === 'GAS' ? 'm³' : 'kWh');

const RELAYS: Record<RelayState, () => string> = { CLOSED: m.metering_relay_closed, OPEN: m.metering_relay_open };
export const relayLabel = (relay: RelayState | null): string => (relay ? (RELAYS[relay]?.() ?? relay) : m.metering_relay_unknown());

const LEVELS: Record<MeterAlarmLevel, () => string> = { NONE: m.metering_level_none, ALARM1: m.metering_level_alarm1, ALARM2: m.metering_level_alarm2 };
export const alarmLevelLabel = (level: MeterAlarmLevel): string => LEVELS[level]?.() ?? level;

const ACTIONS: Record<MeterCommandAction, () => string> = {
  TRIP: m.metering_action_trip,
  ALLOW_CLOSE: m.metering_action_allow_close,
  CLOSE: m.metering_action_close,
  ALARM: m.metering_action_alarm,
  READ_RELAY: m.metering_action_read_relay,
};
export const meterActionLabel = (action: MeterCommandAction): string => ACTIONS[action]?.() ?? action;

const CHARGE_STATUSES: Record<MeterChargeStatus, () => string> = {
  CHARGED: m.metering_charge_charged,
  UNFUNDED: m.metering_charge_unfunded,
  UNCHANGED: m.metering_charge_unchanged,
  BASELINE: m.metering_charge_baseline,
  BEHIND: m.metering_charge_behind,
  RESET: m.metering_charge_reset,
  JUMP: m.metering_charge_jump,
  UNBOUND: m.metering_charge_unbound,
};
export const chargeStatusLabel = (status: MeterChargeStatus): string => CHARGE_STATUSES[status]?.() ?? status;

const SUPPLY_ACTIONS: Record<SupplyEventAction, () => string> = {
  NOTIFY_ALARM1: m.metering_supply_notify_alarm1,
  ALARM: m.metering_supply_alarm,
  TRIP: m.metering_supply_trip,
  ALLOW_CLOSE: m.metering_supply_allow_close,
  CLOSE: m.metering_supply_close,
  ALARM_RELEASE: m.metering_supply_alarm_release,
};
/** What was decided about a meter's supply: "Customer warned (alarm 1)", "Cut off" … */
export const supplyActionLabel = (action: SupplyEventAction): string => SUPPLY_ACTIONS[action]?.() ?? action;

const SUPPLY_REASONS: Record<string, () => string> = {
  BALANCE_ALARM1: m.metering_reason_balance_alarm1,
  BALANCE_ALARM2: m.metering_reason_balance_alarm2,
  BALANCE_FLOOR: m.metering_reason_balance_floor,
  TOP_UP: m.metering_reason_top_up,
  BALANCE_RESTORED: m.metering_reason_balance_restored,
  SUPPLY_PROTECTED: m.metering_reason_supply_protected,
  PROTECTION_ENDED: m.metering_reason_protection_ended,
  OPERATOR: m.metering_reason_operator,
};
/** Why it was decided: "Balance at alarm 2", "Topped up" …; a reason the API adds later shows as itself. */
export const supplyReasonLabel = (reason: string): string => (Object.hasOwn(SUPPLY_REASONS, reason) ? SUPPLY_REASONS[reason]!() : reason);

export const RECONNECT_ACTIONS: readonly ReconnectAction[] = ['ALLOW_CLOSE', 'CLOSE'];
const RECONNECTS: Record<ReconnectAction, () => string> = { ALLOW_CLOSE: m.metering_reconnect_allow_close, CLOSE: m.metering_reconnect_close };
export const reconnectActionLabel = (action: ReconnectAction): string => RECONNECTS[action]?.() ?? action;

export const TARIFF_TYPES: readonly TariffType[] = ['FLAT', 'TIERED', 'TOU'];
const TYPES: Record<TariffType, () => string> = { FLAT: m.tariffs_type_flat, TIERED: m.tariffs_type_tiered, TOU: m.tariffs_type_tou };
export const tariffTypeLabel = (type: TariffType): string => TYPES[type]?.() ?? type;

export const BILLING_PERIODS: readonly TariffBillingPeriod[] = ['MONTH', 'YEAR'];
const BILLING: Record<TariffBillingPeriod, () => string> = { MONTH: m.tariffs_billing_month, YEAR: m.tariffs_billing_year };
export const billingPeriodLabel = (period: TariffBillingPeriod): string => BILLING[period]?.() ?? period;

export const TOU_PERIODS: readonly TouPeriod[] = ['SHARP', 'PEAK', 'FLAT', 'VALLEY'];
const PERIODS: Record<TouPeriod, () => string> = {
  SHARP: m.tariffs_period_sharp,
  PEAK: m.tariffs_period_peak,
  FLAT: m.tariffs_period_flat,
  VALLEY: m.tariffs_period_valley,
};
export const touPeriodLabel = (period: TouPeriod): string => PERIODS[period]?.() ?? period;

export const TOU_DAYS: readonly TouDays[] = ['WEEKDAY', 'WEEKEND', 'HOLIDAY'];
const DAYS: Record<TouDays, () => string> = { WEEKDAY: m.tariffs_days_weekday, WEEKEND: m.tariffs_days_weekend, HOLIDAY: m.tariffs_days_holiday };
export const touDaysLabel = (days: TouDays): string => DAYS[days]?.() ?? days;
