import type { DeviceChannel } from './types';

/**
 * The topic contract of DESIGN §3 (a public API: keep it stable). Pure functions only.
 *
 *   hearth/v1/{gatewayId}/{kind}/{deviceId}/telemetry | event | command/ack   (up)
 *   hearth/v1/{gatewayId}/{kind}/{deviceId}/command                           (down)
 *   hearth/v1/{gatewayId}/status                                              (up, Last Will)
 */
/** The `{kind}` level: a kind modelled as a twin (twins/src/kinds) or, until its domain models it, stored as sent. */
export const deviceKinds = ['cylinder', 'tank', 'pump', 'meter', 'detector', 'valve', 'scale'] as const;
export type DeviceKind = (typeof deviceKinds)[number];

export const topicRoot = ['hearth', 'v1'] as const;

/** Same rule as the `fleet.gateway` check constraint. */
const gatewayIdPattern = /^[a-z0-9][a-z0-9-]{2,63}$/;
/** Asset ids (UUIDs, serial numbers); never a wildcard or separator (same rule as `fleet.device`). */
const deviceIdPattern = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

export const isGatewayId = (s: string): boolean => gatewayIdPattern.test(s);
export const isDeviceId = (s: string): boolean => deviceIdPattern.test(s);
export const isDeviceKind = (s: string): s is DeviceKind => (deviceKinds as readonly string[]).includes(s);

/** One device, as a map key: device ids are a namespace per tenant, so the tenant is part of it. */
export const deviceKey = (tenantId: string, kind: string, deviceId: string): string => `${tenantId}/${kind}/${deviceId}`;

export type ParsedTopic =
  | { type: 'device'; gatewayId: string; kind: DeviceKind; deviceId: string; channel: DeviceChannel }
  | { type: 'command'; gatewayId: string; kind: DeviceKind; deviceId: string }
  | { type: 'status'; gatewayId: string };

/** Parses a topic name of the contract; anything else (other shape, bad id, unknown kind) is null. */
export function parseTopic(topic: string): ParsedTopic | null {
  // Topic names are case sensitive and a level may be empty (MQTT 3.1.1 §4.7.3): compare levels exactly.
  const levels = topic.split('/');
  const [root, version, gatewayId, kind, deviceId, channel, sub] = levels;
  if (root !== topicRoot[0] || version !== topicRoot[1] || gatewayId === undefined || !isGatewayId(gatewayId)) return null;
  if (levels.length === 4 && kind === 'status') return { type: 'status', gatewayId };
  if (kind === undefined || !isDeviceKind(kind) || deviceId === undefined || !isDeviceId(deviceId)) return null;
  const device = { gatewayId, kind, deviceId };
  if (levels.length === 6 && (channel === 'telemetry' || channel === 'event')) return { type: 'device', ...device, channel };
  if (levels.length === 6 && channel === 'command') return { type: 'command', ...device };
  if (levels.length === 7 && channel === 'command' && sub === 'ack') return { type: 'device', ...device, channel: 'command/ack' };
  return null;
}

/** The gateway id a `hearth/v1/...` topic speaks for, well-formed or not (to tell FORBIDDEN from INVALID). */
export function claimedGatewayId(topic: string): string | undefined {
  const [root, version, gatewayId] = topic.split('/');
  return root === topicRoot[0] && version === topicRoot[1] ? gatewayId : undefined;
}

export const deviceTopic = (gatewayId: string, kind: DeviceKind, deviceId: string, channel: DeviceChannel): string =>
  `${topicRoot.join('/')}/${gatewayId}/${kind}/${deviceId}/${channel}`;

export const commandTopic = (gatewayId: string, kind: DeviceKind, deviceId: string): string =>
  `${topicRoot.join('/')}/${gatewayId}/${kind}/${deviceId}/command`;

export const statusTopic = (gatewayId: string): string => `${topicRoot.join('/')}/${gatewayId}/status`;

/**
 * Whether a gateway may subscribe to `filter`: it must stay under its own `hearth/v1/{gatewayId}/`
 * (no wildcard in the first three levels) and be able to match some command topic
 * `{kind}/{deviceId}/command` of it. What it then receives is narrowed to command topics by
 * `authorizeForward`, so `hearth/v1/gw-1/#` is fine and never echoes telemetry.
 */
export function mayGatewaySubscribe(filter: string, gatewayId: string): boolean {
  const levels = filter.split('/');
  if (levels[0] !== topicRoot[0] || levels[1] !== topicRoot[1] || levels[2] !== gatewayId) return false;
  const rest = levels.slice(3);
  const accepts = [(l: string) => isDeviceKind(l), (l: string) => isDeviceId(l), (l: string) => l === 'command'];
  for (let i = 0; i < rest.length; i++) {
    const level = rest[i]!;
    // '#' is last [MQTT-4.7.1-2] and matches the parent level too, so zero more levels (§4.7.1.2).
    if (level === '#') return i === rest.length - 1;
    const accept = accepts[i];
    if (!accept) return false; // deeper than a command topic
    // '+' occupies and matches exactly one level [MQTT-4.7.1-3].
    if (level !== '+' && !accept(level)) return false;
  }
  return rest.length === accepts.length;
}

/** Whether a topic filter matches a topic name (MQTT 3.1.1 §4.7: `+` one level, `#` this level and all below). */
export function topicMatches(filter: string, topic: string): boolean {
  const f = filter.split('/');
  const t = topic.split('/');
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '#') return true;
    if (i >= t.length || (f[i] !== '+' && f[i] !== t[i])) return false;
  }
  return f.length === t.length;
}
