import type { MqttRejectionReason } from '@hearth/platform';
import { parsePayload, type PayloadCorrection, type PayloadLimits } from './payload';
import type { ParsedTopic } from './topics';
import type { DeviceMessage, DeviceRegistry, GatewayIdentity } from './types';

export type DeviceTopic = Extract<ParsedTopic, { type: 'device' }>;

export type DeviceCheck = { ok: true; message: DeviceMessage; corrections: PayloadCorrection[] } | { ok: false; reason: MqttRejectionReason; detail: string };

export interface DevicePublish {
  gateway: GatewayIdentity;
  topic: DeviceTopic;
  payload: Uint8Array | string;
  qos: 0 | 1 | 2;
  receivedAt: Date;
}

/**
 * The data checks of a publish on an allowed topic, in order of cost: size (free), the device
 * registry (cached), then the payload. Unparsed bytes from devices that are not ours are never
 * looked at. Registry failures throw: the caller must not acknowledge what it could not check.
 */
export async function checkDevicePublish(registry: DeviceRegistry, limits: PayloadLimits, publish: DevicePublish): Promise<DeviceCheck> {
  const { gateway, topic } = publish;
  return tooLarge(limits, publish) ?? checkBound(await registry.findDevice(topic.kind, topic.deviceId, gateway.gatewayId), limits, publish);
}

/**
 * The same checks without waiting, when the registry holds the device's binding in memory (nearly
 * every publish of a connected gateway); undefined when only `checkDevicePublish` can tell.
 */
export function checkKnownDevicePublish(registry: DeviceRegistry, limits: PayloadLimits, publish: DevicePublish): DeviceCheck | undefined {
  const { gateway, topic } = publish;
  const known = registry.knownDevice?.(topic.kind, topic.deviceId, gateway.gatewayId);
  return known && (tooLarge(limits, publish) ?? checkBound(known, limits, publish));
}

function tooLarge(limits: PayloadLimits, { payload }: DevicePublish): DeviceCheck | undefined {
  const bytes = typeof payload === 'string' ? Buffer.byteLength(payload) : payload.byteLength;
  if (bytes <= limits.maxPayloadBytes) return undefined;
  return { ok: false, reason: 'MQTT_PAYLOAD_TOO_LARGE', detail: `payload is ${bytes} bytes; the limit is ${limits.maxPayloadBytes}` };
}

function checkBound(device: { tenantId: string; gatewayId: string } | null, limits: PayloadLimits, publish: DevicePublish): DeviceCheck {
  const { gateway, topic, payload } = publish;
  // Another tenant's device answers exactly as an absent one: a gateway must not learn which ids exist elsewhere.
  if (!device || device.tenantId !== gateway.tenantId)
    return { ok: false, reason: 'MQTT_UNKNOWN_DEVICE', detail: `no ${topic.kind} ${topic.deviceId} is registered` };
  if (device.gatewayId !== gateway.gatewayId) {
    return { ok: false, reason: 'MQTT_NOT_BOUND', detail: `${topic.kind} ${topic.deviceId} is bound to another gateway, not ${gateway.gatewayId}` };
  }

  const parsed = parsePayload(payload, { kind: topic.kind, channel: topic.channel, receivedAt: publish.receivedAt, limits });
  if (!parsed.ok) return parsed;
  return {
    ok: true,
    message: {
      tenantId: device.tenantId,
      gatewayId: gateway.gatewayId,
      kind: topic.kind,
      deviceId: topic.deviceId,
      channel: topic.channel,
      samples: parsed.samples,
      qos: publish.qos,
      receivedAt: publish.receivedAt,
    },
    corrections: parsed.corrections,
  };
}
