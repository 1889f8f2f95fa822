export type { DeviceKind } from './topics';
export type { DeviceChannel, DeviceMessage, DeviceRegistry, GatewayIdentity, GatewayStatus, MessageSink, Sample, SinkResult } from './types';
export { createBroker, type BrokerLimits, type CreateBrokerOptions, type HearthBroker } from './create-broker';
export type { ListenOptions, ListeningPorts } from './listeners';
export { RejectionLog, mqttRejectionReasons, type DeviceRejectionSummary, type Rejection } from './rejection-log';
export { commandTopic, deviceKinds, deviceTopic, isDeviceId, isGatewayId, parseTopic, statusTopic, type ParsedTopic } from './topics';
export { defaultPayloadLimits, parsePayload, type PayloadLimits } from './payload';
export { SqlDeviceRegistry, type SqlDeviceRegistryOptions } from './registry/sql-device-registry';
export { bindDevice, provisionGateway } from './registry/provisioning';

/** The broker's migrations (schema `fleet`): `migrate(db, 'fleet', await loadMigrations(brokerMigrations))`. */
export const brokerMigrations = new URL('./migrations/', import.meta.url);
