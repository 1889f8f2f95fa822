import { m } from '$paraglide/messages';
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
