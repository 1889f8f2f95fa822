import type { DeviceKind } from './topics';

export type { DeviceKind };

/** The channels a gateway publishes on, below `hearth/v1/{gatewayId}/{kind}/{deviceId}/`. */
export type DeviceChannel = 'telemetry' | 'event' | 'command/ack';

/** One reading (or event, or command reply) from a device. */
export interface Sample {
  /**
   * When the device took it: its `ts`, or the receive time when it sent none or sent one further
   * ahead of our clock than the limit allows (docs/adr/0008-device-time.md).
   */
  ts: Date;
  /** Whether `ts` came from the device (false: it is the broker's receive time). */
  tsGiven: boolean;
  /** The device's own counter, used downstream to drop QoS 1 redeliveries. */
  seq?: number;
  /**
   * The device's boot (session) number, raised by the device at every start: a `seq` that restarts
   * after a reboot is new data when `boot` is higher, not a redelivery.
   */
  boot?: number;
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

/** A gateway that proved who it is, and with which of its secrets. */
export interface AuthenticatedGateway extends GatewayIdentity {
  /** Which secret matched (opaque: its stored hash), so a later rotation can be checked against it. */
  credential: string;
  /** Set when the secret matched is a rotated one still in its grace period: the connection ends then. */
  validUntil?: Date;
}

/** Whether a connection authenticated with `credential` may stay, and until when. */
export type CredentialStanding = { valid: false } | { valid: true; validUntil?: Date };

/** Who may connect and which device belongs to which gateway. */
export interface DeviceRegistry {
  authenticateGateway(gatewayId: string, secret: string): Promise<AuthenticatedGateway | null>;
  /**
   * The gateway a device is bound to, or null. `via` is the gateway the publish came through: device
   * ids are a namespace per tenant, so the device is looked for among `via`'s tenant's; a registry
   * may hold that gateway's bindings together (see `gatewayConnected`).
   */
  findDevice(kind: DeviceKind, deviceId: string, via: string): Promise<{ tenantId: string; gatewayId: string } | null>;
  /**
   * The binding of a device bound to `via`, when the registry holds it in memory: answered at once,
   * so a publish need not wait a turn for it. Undefined when only `findDevice` can tell. Optional.
   */
  knownDevice?(kind: DeviceKind, deviceId: string, via: string): { tenantId: string; gatewayId: string } | undefined;
  /** A gateway authenticated: a registry may load all its bindings now, before its first publish. Optional. */
  gatewayConnected?(gatewayId: string): void;
  /** Re-checks a credential after the gateway changed (secret rotated, gateway removed). Optional: registries without it never end connections. */
  credentialStanding?(gatewayId: string, credential: string): Promise<CredentialStanding>;
  /** Calls `listener` with the id of a gateway whose record changed; returns the unsubscribe. */
  onGatewayChange?(listener: (gatewayId: string) => void): () => void;
}
