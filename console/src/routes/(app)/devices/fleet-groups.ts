import type { DeviceKind, DeviceTank, FleetDevice, FleetGateway, MqttRejection, OpenCommand } from '$lib/api/types';

/** At most this many open commands are shown per device, newest first. */
export const COMMANDS_PER_DEVICE = 20;

export interface DeviceRow {
  kind: DeviceKind;
  id: string;
  /** Its tank (name, connectivity) when it is a tank gauge the viewer may read; else null. */
  tank: DeviceTank | null;
  /** Its twin's connectivity (any modelled kind); null for a kind no twin models yet. */
  connectivity: FleetDevice['connectivity'];
  rejections: MqttRejection[];
  /** PENDING or SENT, not past their expiry, newest first, at most COMMANDS_PER_DEVICE. */
  commands: OpenCommand[];
}

export interface GatewayGroup {
  gateway: FleetGateway;
  devices: DeviceRow[];
  /** Refusals of the gateway's messages that name no device bound to it (none at all, or an unknown id). */
  otherRejections: MqttRejection[];
}

const deviceKey = (kind: string, id: string) => `${kind}:${id}`;

/**
 * The devices page's table: each gateway (in the API's order) with its devices (by kind, then
 * id), their refusals and the commands still on their way to them.
 */
export function groupFleet(
  gateways: readonly FleetGateway[],
  devices: readonly FleetDevice[],
  commands: readonly OpenCommand[],
  tanks: readonly DeviceTank[],
  now: number,
): GatewayGroup[] {
  const tanksById = new Map(tanks.map((t) => [t.id, t]));
  const open = new Map<string, OpenCommand[]>();
  const newestFirst = [...commands].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || b.id.localeCompare(a.id));
  for (const command of newestFirst) {
    // The list is read by stored status; one past its expiry is no longer on its way, whatever the sweep has done.
    if ((command.status !== 'PENDING' && command.status !== 'SENT') || Date.parse(command.expiresAt) <= now) continue;
    const key = deviceKey(command.deviceKind, command.deviceId);
    const list = open.get(key) ?? [];
    if (list.length < COMMANDS_PER_DEVICE) open.set(key, [...list, command]);
  }

  const byGateway = new Map<string, DeviceRow[]>();
  for (const device of devices) {
    const row: DeviceRow = {
      kind: device.kind,
      id: device.id,
      tank: device.kind === 'TANK' ? (tanksById.get(device.id) ?? null) : null,
      connectivity: device.connectivity,
      rejections: device.rejections,
      commands: open.get(deviceKey(device.kind, device.id)) ?? [],
    };
    byGateway.set(device.gatewayId, [...(byGateway.get(device.gatewayId) ?? []), row]);
  }

  return gateways.map((gateway) => {
    const rows = (byGateway.get(gateway.id) ?? []).sort((a, b) => a.kind.localeCompare(b.kind) || a.id.localeCompare(b.id, undefined, { numeric: true }));
    const bound = new Set(rows.map((r) => deviceKey(r.kind, r.id)));
    const otherRejections = (gateway.twin?.rejections ?? []).filter((r) => !r.deviceKind || !r.deviceId || !bound.has(deviceKey(r.deviceKind, r.deviceId)));
    return { gateway, devices: rows, otherRejections };
  });
}
