import { m } from '$paraglide/messages';
import type { ContractBilling, ContractPayment, CustomerStatus, CustomerType, IdKind, PaymentMethod, TopUpMethod } from './api/customer-types';
import type { AlarmAssetKind, AlarmSeverity, AlarmState, GasLevel, Role } from './api/types';

/**
 * Names of the API's enum values in the active language. Plain maps of message functions rather
 * than keys built at run time, so the catalogue test sees every key used.
 */
const ROLES: Record<Role, () => string> = { ADMIN: m.role_admin, SUPERVISOR: m.role_supervisor, OPERATOR: m.role_operator, VIEWER: m.role_viewer };
export const roleLabel = (role: Role): string => ROLES[role]();

const SEVERITIES: Record<AlarmSeverity, () => string> = {
  CRITICAL: m.severity_critical,
  MAJOR: m.severity_major,
  MINOR: m.severity_minor,
  WARNING: m.severity_warning,
};
export const severityLabel = (severity: AlarmSeverity): string => SEVERITIES[severity]();

const ALARM_STATES: Record<AlarmState, () => string> = {
  ACTIVE: m.alarm_state_active,
  ACKNOWLEDGED: m.alarm_state_acknowledged,
  CLEARED_UNACKNOWLEDGED: m.alarm_state_cleared_unacknowledged,
  CLEARED: m.alarm_state_cleared,
};
export const alarmStateLabel = (state: AlarmState): string => ALARM_STATES[state]();

const ASSET_KINDS: Record<AlarmAssetKind, () => string> = {
  TANK: m.asset_tank,
  CYLINDER: m.asset_cylinder,
  PUMP: m.asset_pump,
  METER: m.asset_meter,
  DETECTOR: m.asset_detector,
  VALVE: m.asset_valve,
  GATEWAY: m.asset_gateway,
};
export const assetKindLabel = (kind: AlarmAssetKind): string => ASSET_KINDS[kind]();

/** A detector's reading against its levels (GB/T 50493-2019: first and second alarm level). */
const GAS_LEVELS: Record<GasLevel, () => string> = { NORMAL: m.gas_level_normal, FIRST: m.gas_level_first, SECOND: m.gas_level_second };
export const gasLevelLabel = (level: GasLevel): string => GAS_LEVELS[level]();

/** The domains that write the audit log, named as in scopes; one added later shows as its name. */
export const AUDIT_DOMAINS = ['identity', 'fleet', 'tanks', 'twins'] as const;
const DOMAINS: Record<string, () => string> = { identity: m.domain_identity, fleet: m.domain_fleet, tanks: m.domain_tanks, twins: m.domain_twins };
export const domainLabel = (domain: string): string => DOMAINS[domain]?.() ?? domain;

const DEVICE_KINDS: Record<string, () => string> = {
  TANK: m.device_kind_tank,
  CYLINDER: m.device_kind_cylinder,
  PUMP: m.device_kind_pump,
  METER: m.device_kind_meter,
  DETECTOR: m.device_kind_detector,
  VALVE: m.device_kind_valve,
};
/** A kind added to the API later shows as its own name until it is worded here. */
export const deviceKindLabel = (kind: string): string => DEVICE_KINDS[kind]?.() ?? kind.toLowerCase();

const COMMAND_STATUSES: Record<string, () => string> = { PENDING: m.command_status_pending, SENT: m.command_status_sent };
export const commandStatusLabel = (status: string): string => COMMAND_STATUSES[status]?.() ?? status.toLowerCase();

/* Customers and their wallets. */

export const CUSTOMER_TYPES: readonly CustomerType[] = ['RESIDENTIAL', 'COMMERCIAL', 'INDUSTRIAL'];
const CUSTOMER_TYPE_NAMES: Record<CustomerType, () => string> = {
  RESIDENTIAL: m.customer_type_residential,
  COMMERCIAL: m.customer_type_commercial,
  INDUSTRIAL: m.customer_type_industrial,
};
export const customerTypeLabel = (type: CustomerType): string => CUSTOMER_TYPE_NAMES[type]();

export const CUSTOMER_STATUSES: readonly CustomerStatus[] = ['ACTIVE', 'SUSPENDED', 'TERMINATED'];
const CUSTOMER_STATUS_NAMES: Record<CustomerStatus, () => string> = {
  ACTIVE: m.customer_status_active,
  SUSPENDED: m.customer_status_suspended,
  TERMINATED: m.customer_status_terminated,
};
export const customerStatusLabel = (status: CustomerStatus): string => CUSTOMER_STATUS_NAMES[status]();

const PAYMENT_METHODS: Record<PaymentMethod, () => string> = {
  PREPAID_WALLET: m.payment_prepaid_wallet,
  CASH_ON_DELIVERY: m.payment_cash_on_delivery,
  MONTHLY_CREDIT: m.payment_monthly_credit,
  BANK_DEBIT: m.payment_bank_debit,
};
export const paymentMethodLabel = (method: PaymentMethod): string => PAYMENT_METHODS[method]();

export const ID_KINDS: readonly IdKind[] = ['RESIDENT_ID', 'OTHER'];
const ID_KIND_NAMES: Record<IdKind, () => string> = { RESIDENT_ID: m.id_kind_resident_id, OTHER: m.id_kind_other };
export const idKindLabel = (kind: IdKind): string => ID_KIND_NAMES[kind]();

export const TOP_UP_METHODS: readonly TopUpMethod[] = ['CASH', 'WECHAT_PAY', 'ALIPAY', 'BANK_CARD', 'BANK_TRANSFER', 'PARTNER'];
const TOP_UP_METHOD_NAMES: Record<TopUpMethod, () => string> = {
  CASH: m.top_up_cash,
  BANK_CARD: m.top_up_bank_card,
  BANK_TRANSFER: m.top_up_bank_transfer,
  WECHAT_PAY: m.top_up_wechat_pay,
  ALIPAY: m.top_up_alipay,
  PARTNER: m.top_up_partner,
};
export const topUpMethodLabel = (method: TopUpMethod): string => TOP_UP_METHOD_NAMES[method]();

const CONTRACT_PAYMENTS: Record<ContractPayment, () => string> = { PREPAID: m.contract_payment_prepaid, CREDIT: m.contract_payment_credit };
export const contractPaymentLabel = (payment: ContractPayment): string => CONTRACT_PAYMENTS[payment]();

const CONTRACT_BILLINGS: Record<ContractBilling, () => string> = { BY_CYLINDER: m.contract_billing_by_cylinder, BY_FLOW: m.contract_billing_by_flow };
export const contractBillingLabel = (billing: ContractBilling): string => CONTRACT_BILLINGS[billing]();

/** Ledger entry kinds; other domains add kinds, shown as their name until worded here. */
const ENTRY_KINDS: Record<string, () => string> = {
  TOP_UP: m.entry_kind_top_up,
  CHARGE: m.entry_kind_charge,
  DEPOSIT: m.entry_kind_deposit,
  REFUND: m.entry_kind_refund,
  REVERSAL: m.entry_kind_reversal,
};
export const entryKindLabel = (kind: string): string => ENTRY_KINDS[kind]?.() ?? kind;

/** What a customer's history entry records; an action added later shows as its name. */
const CUSTOMER_ACTIONS: Record<string, () => string> = {
  'customer.created': m.customer_action_created,
  'customer.updated': m.customer_action_updated,
  'customer.blacklisted': m.customer_action_blacklisted,
  'customer.unblacklisted': m.customer_action_unblacklisted,
  'customer.pii-read': m.customer_action_pii_read,
  'customer.station-transferred': m.customer_action_station_transferred,
  'customer.ownership-transferred': m.customer_action_ownership_transferred,
  'gas-permit.issued': m.customer_action_permit_issued,
  'gas-permit.revoked': m.customer_action_permit_revoked,
  'contract.recorded': m.customer_action_contract_recorded,
  'contract.terminated': m.customer_action_contract_terminated,
  // The service centre's orders for the customer (the order's number is in the details).
  'service-order.created': m.customer_action_service_order_created,
  'service-order.assigned': m.customer_action_service_order_assigned,
  'service-order.dispatched': m.customer_action_service_order_dispatched,
  'service-order.completed': m.customer_action_service_order_completed,
  'service-order.failed': m.customer_action_service_order_failed,
  'service-order.cancelled': m.customer_action_service_order_cancelled,
  'service-order.reclassified': m.customer_action_service_order_reclassified,
};
export const customerActionLabel = (action: string): string => CUSTOMER_ACTIONS[action]?.() ?? action;
