import { m } from '$paraglide/messages';
import type { AlarmEntry, AlarmSeverity, AlarmState, Role } from './api/types';

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

const ASSET_KINDS: Record<AlarmEntry['assetKind'], () => string> = {
  TANK: m.asset_tank,
  CYLINDER: m.asset_cylinder,
  PUMP: m.asset_pump,
  METER: m.asset_meter,
  GATEWAY: m.asset_gateway,
};
export const assetKindLabel = (kind: AlarmEntry['assetKind']): string => ASSET_KINDS[kind]();

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
