import type { DeviceKind } from './topics';

export type { DeviceKind };

/** The channels a gateway publishes on, below `hearth/v1/{gatewayId}/{kind}/{deviceId}/`. */
export type DeviceChannel = 'telemetry' | 'event' | 'command/ack';

/** One reading (or event, or command reply) from a device. */
export interface Sample {
  /** When the device took it: its `ts`, or the receive time when it sent none. */
  ts: Date;
  /** Whether `ts` came from the device (false: it is the broker's receive time). */
  tsGiven: boolean;
  /** The device's own counter, used downstream to drop QoS 1 redeliveries. */
  seq?: number;
  /** The metrics (or event fields), flat: no nested objects. */
  values: Record<string, number | string | boolean>;
}

/** A publish that passed every check: authenticated, authorised, bound, well-formed. */
export interface DeviceMessage {
  tenantId: string;
  gatewayId: string;
  kind: DeviceKind;
  deviceId: string;
  channel: DeviceChannel;
  samples: Sample[];
  qos: 0 | 1 | 2;
  receivedAt: Date;
}

export interface SinkResult {
  stored: number;
  duplicates: number;
}

export interface GatewayStatus {
  tenantId: string;
  gatewayId: string;
  online: boolean;
  at: Date;
}

/** Where accepted messages go: the host (the twins service) implements it. */
export interface MessageSink {
  /** Resolves once every sample is durably stored (or recognised as a duplicate). */
  accept(message: DeviceMessage): Promise<SinkResult>;
  gatewayStatus(status: GatewayStatus): void;
}

export interface GatewayIdentity {
  gatewayId: string;
  tenantId: string;
}

/** Who may connect and which device belongs to which gateway. */
export interface DeviceRegistry {
  authenticateGateway(gatewayId: string, secret: string): Promise<GatewayIdentity | null>;
  findDevice(kind: DeviceKind, deviceId: string): Promise<{ tenantId: string; gatewayId: string } | null>;
}
