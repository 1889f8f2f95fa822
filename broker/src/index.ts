export type { DeviceKind } from './topics';
export type {
  AuthenticatedGateway,
  CredentialStanding,
  DeviceChannel,
  DeviceMessage,
  DeviceRegistry,
  GatewayIdentity,
  GatewayStatus,
  MessageSink,
  Sample,
  SinkResult,
} from './types';
export { createBroker, type BrokerLimits, type CreateBrokerOptions, type HearthBroker } from './create-broker';
export { defaultConnectionLimits, type ConnectionLimits } from './connection-limits';
export type { ListenOptions, ListeningPorts } from './listeners';
export { RejectionLog, mqttRejectionReasons, type DeviceRejectionSummary, type Rejection } from './rejection-log';
export {
  commandTopic,
  deviceKey,
  deviceKinds,
  deviceTopic,
  isDeviceId,
  isDeviceKind,
  isGatewayId,
  parseTopic,
  statusTopic,
  topicMatches,
  type ParsedTopic,
} from './topics';
export { Downlink, type DownlinkCommand, type RouteListener, type SendOutcome } from './downlink';
export {
  commandAckStatuses,
  rangedMetrics,
  scalarMetric,
  type CommandAckStatus,
  type EventSchema,
  type EventSchemas,
  type TelemetrySchema,
  type TelemetrySchemas,
} from './metric-schemas';
export { defaultPayloadLimits, parsePayload, type PayloadLimits } from './payload';
export { fleetChannel, SqlDeviceRegistry, type SqlDeviceRegistryOptions } from './registry/sql-device-registry';
export { bindDevice, bindDevicesOfTenant, insertGateways, issueSecret, provisionGateway, rotateGatewaySecret, unbindDevice } from './registry/provisioning';
export {
  boundDevicesPage,
  boundGateway,
  countBoundDevices,
  countDevices,
  countGateways,
  deviceCounts,
  findDevice,
  gatewaysByIds,
  listDevices,
  listGateways,
  takenGatewayIds,
  type DeviceFilter,
  type DeviceRecord,
  type GatewayRecord,
} from './registry/fleet-queries';

/** The broker's migrations (schema `fleet`): `migrate(db, 'fleet', await loadMigrations(brokerMigrations))`. */
export const brokerMigrations = new URL('./migrations/', import.meta.url);
