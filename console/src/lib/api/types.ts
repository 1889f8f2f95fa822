/**
 * TypeScript shapes of the gateway's GraphQL contract, as far as the console selects them.
 * Hand-written (no codegen step) because the contract is small and fixed; keep in step with
 * the selections in queries.ts.
 */

export type AlarmSeverity = 'CRITICAL' | 'MAJOR' | 'MINOR' | 'WARNING';
export type AlarmState = 'ACTIVE' | 'ACKNOWLEDGED' | 'CLEARED_UNACKNOWLEDGED' | 'CLEARED';

export interface Alarm {
  id: string;
  code: string;
  severity: AlarmSeverity;
  state: AlarmState;
  message: string;
  raisedAt: string;
}

export interface TankTwin {
  levelMm: number | null;
  volumeLiters: number | null;
  fillPercent: number | null;
  massKg: number | null;
  temperatureC: number | null;
  pressureKPa: number | null;
  online: boolean;
  lastSeenAt: string | null;
  reportedAt: string | null;
  version: number;
  alarms: Alarm[];
}

export interface TankAlarmLevels {
  highHighMm: number | null;
  highMm: number | null;
  lowMm: number | null;
  lowLowMm: number | null;
}

export interface Site {
  id: string;
  name: string;
}

export interface Tank {
  id: string;
  name: string;
  product: string;
  capacityLiters: number;
  maxFillPercent: number;
  site: Site;
  alarmLevels: TankAlarmLevels;
  twin: TankTwin | null;
}

export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

export interface TanksPage {
  tanks: { totalCount: number; pageInfo: PageInfo; edges: { node: Tank }[] };
}

export interface TankReading {
  at: string;
  levelMm: number | null;
  volumeLiters: number | null;
  fillPercent: number | null;
  temperatureC: number | null;
}

export interface TankHistory {
  tank: { id: string; twin: { history: TankReading[] } | null } | null;
}

export interface TankTwinChanged {
  tankTwinChanged: { id: string; twin: TankTwin | null };
}

/* Identity (served by the gateway). */

export type Role = 'ADMIN' | 'SUPERVISOR' | 'OPERATOR' | 'VIEWER';
export type PrincipalKind = 'USER' | 'API_KEY';

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
}

/** Who the gateway thinks is calling; `scopes` decide what the console shows. */
export interface Viewer {
  kind: PrincipalKind;
  tenantId: string;
  tenantName: string;
  user: User | null;
  scopes: string[];
}

export interface SessionTokens {
  accessToken: string;
  accessExpiresAt: string;
  refreshToken: string;
  refreshExpiresAt: string;
  viewer: Viewer;
}

export interface ApiKeyUsageDay {
  day: string;
  operations: number;
  events: number;
  rejected: number;
}

export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  expiresAt: string | null;
  allowedOrigins: string[];
  allowedIps: string[];
  ratePerMinute: number;
  dailyQuota: number | null;
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
  usage: ApiKeyUsageDay[];
}

export interface CreateApiKeyInput {
  name: string;
  scopes: string[];
  expiresAt?: string;
  allowedOrigins?: string[];
  allowedIps?: string[];
  ratePerMinute?: number;
  dailyQuota?: number;
}

export interface CreatedApiKey {
  apiKey: ApiKey;
  secret: string;
}

export interface Connection<T> {
  pageInfo: PageInfo;
  edges: { node: T }[];
}

/** What an alarm is about (the API's AlarmAssetKind). */
export type AlarmAssetKind = 'TANK' | 'CYLINDER' | 'PUMP' | 'METER' | 'DETECTOR' | 'VALVE' | 'GATEWAY';

/** An alarm as the alarm centre lists it (any asset). */
export interface AlarmEntry {
  id: string;
  code: string;
  severity: AlarmSeverity;
  state: AlarmState;
  message: string;
  value: number | null;
  assetKind: AlarmAssetKind;
  assetId: string;
  /** The site its asset stands at; null when unknown. */
  siteId: string | null;
  raisedAt: string;
  clearedAt: string | null;
  acknowledgedBy: string | null;
  acknowledgedAt: string | null;
  acknowledgementComment: string | null;
  /** Off the default lists until then; null when not shelved. */
  shelvedUntil: string | null;
  shelvedBy: string | null;
  shelveReason: string | null;
}

export interface AlarmsPage {
  alarms: Connection<AlarmEntry>;
}

/** The API's AlarmFilter input, as far as the alarm centre sets it. */
export interface AlarmFilterInput {
  states?: AlarmState[];
  severities?: AlarmSeverity[];
  assetKinds?: AlarmAssetKind[];
  siteIds?: string[];
  since?: string;
  shelved: boolean;
}

export interface AlarmCount {
  severity: AlarmSeverity;
  standing: number;
  unacknowledged: number;
  shelved: number;
}

export interface ApiKeysPage {
  apiKeys: Connection<ApiKey>;
}

export interface AuditEntry {
  id: string;
  at: string;
  /** The domain that recorded it, named as in scopes: identity, fleet, tanks, twins, … */
  domain: string;
  actor: string;
  action: string;
  target: string | null;
  /** JSON (as text or already parsed, depending on the scalar), when the action has details. */
  details: unknown;
  /** The request it was done in, for finding it in the services' logs; null for work of no request. */
  requestId: string | null;
}

export interface AuditLogPage {
  auditLog: Connection<AuditEntry>;
}

/* Fleet (gateways, devices) and what the twins service knows of them. */

/** The MQTT contract's device kinds; a kind added later arrives as its name. */
export type DeviceKind = 'TANK' | 'CYLINDER' | 'PUMP' | 'METER' | 'DETECTOR' | 'VALVE' | (string & {});

/** Messages the broker refused for one reason (and device), with the latest detail. */
export interface MqttRejection {
  reason: string;
  count: number;
  lastAt: string;
  lastDetail: string;
  deviceKind?: DeviceKind | null;
  deviceId?: string | null;
}

export interface FleetGateway {
  id: string;
  name: string;
  deviceCount: number;
  twin: { online: boolean; since: string | null; lastSeenAt: string | null; rejections: MqttRejection[] } | null;
}

export interface FleetDevice {
  kind: DeviceKind;
  id: string;
  gatewayId: string;
  /** Its twin's connectivity; null for a kind no twin models yet. */
  connectivity: { online: boolean; stale: boolean; lastSeenAt: string | null } | null;
  rejections: MqttRejection[];
}

export type OpenCommandStatus = 'PENDING' | 'SENT';

/** A command still on its way to its device (the commands query may also report it EXPIRED once past its time). */
export interface OpenCommand {
  id: string;
  deviceKind: DeviceKind;
  deviceId: string;
  status: OpenCommandStatus | 'EXPIRED' | 'ACCEPTED' | 'REJECTED' | 'DONE' | 'CANCELLED';
  createdAt: string;
  expiresAt: string;
  sendCount: number;
  requestedBy: string;
  desired: { inletValveOpen: boolean | null; highHighSetpointMm: number | null };
}

/** A tank as a device row names it, with its twin's connectivity. */
export interface DeviceTank {
  id: string;
  name: string;
  twin: { online: boolean; lastSeenAt: string | null } | null;
}

export interface GatewaysPage {
  gateways: Connection<FleetGateway>;
}

export interface DevicesPage {
  devices: Connection<FleetDevice>;
}

export interface DeviceTanksPage {
  tanks: Connection<DeviceTank>;
}

export interface OpenCommands {
  pending: { totalCount: number; edges: { node: OpenCommand }[] };
  sent: { totalCount: number; edges: { node: OpenCommand }[] };
}

/** A tank as the alarm centre names it. */
export interface NamedTank {
  id: string;
  name: string;
  site: Site;
}

export interface NamedTanksPage {
  tanks: Connection<NamedTank>;
}

export interface SitesPage {
  sites: Connection<Site>;
}

/* Gas safety: leak detectors and the shut-off valves their interlock closes (twins). */

export type GasLevel = 'NORMAL' | 'FIRST' | 'SECOND';

/** A gas interlock holding a valve closed. */
export interface ValveInterlock {
  detectorId: string;
  trippedAt: string;
  /** When the valve first reported itself closed after the trip; null until then. */
  closedAt: string | null;
  lelPercent: number | null;
  commandId: string;
}

export interface ValveTwin {
  /** As the valve reports it; null before it has. */
  open: boolean | null;
  fault: number | null;
  /** As last asked; null when nothing is asked. */
  desiredOpen: boolean | null;
  /** The position asked for that the valve does not report yet; null when in sync. */
  delta: boolean | null;
  interlock: ValveInterlock | null;
  online: boolean;
  stale: boolean;
  lastSeenAt: string | null;
  version: number;
  alarms: { code: string; severity: AlarmSeverity }[];
}

export interface Valve {
  id: string;
  twin: ValveTwin;
}

export interface DetectorTwin {
  lelPercent: number | null;
  fault: number | null;
  level: GasLevel;
  online: boolean;
  stale: boolean;
  lastSeenAt: string | null;
  version: number;
  alarms: { code: string; severity: AlarmSeverity; state: AlarmState }[];
}

export interface Detector {
  id: string;
  siteId: string | null;
  levels: { firstLel: number; secondLel: number; industrial: boolean };
  valve: Valve | null;
  twin: DetectorTwin;
}

export interface DetectorsPage {
  detectors: Connection<Detector>;
}

/** A command as operateValve returns it. */
export interface ValveCommand {
  id: string;
  status: string;
  desiredJson: string;
  requestedBy: string;
}
