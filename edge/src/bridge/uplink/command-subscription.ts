/**
 * Commands down to the bridge (DESIGN §3): Hearth publishes on
 * `hearth/v1/{gatewayId}/{kind}/{deviceId}/command`, and the gateway answers on `…/command/ack` with
 * `{"id","status":"accepted"|"rejected"|"done","reason"?}` (broker/src/metric-schemas.ts).
 */
export type CommandKind = 'pump' | 'meter';

export interface CommandRoute {
  /** The devices whose command topics the bridge subscribes to. */
  devices: { kind: CommandKind; deviceId: string }[];
  /** A command arrived (already JSON-parsed; its shape is the device's business). */
  onCommand(command: ReceivedCommand): void;
}

export interface ReceivedCommand {
  kind: CommandKind;
  deviceId: string;
  payload: unknown;
}

/** One route for the devices of several routes (the forecourt's pumps and the site's meters). */
export const combinedRoutes = (...routes: CommandRoute[]): CommandRoute => ({
  devices: routes.flatMap((r) => r.devices),
  onCommand: (command) => routes.find((r) => r.devices.some((d) => d.kind === command.kind && d.deviceId === command.deviceId))?.onCommand(command),
});

export const commandTopic = (gatewayId: string, kind: CommandKind, deviceId: string): string => `hearth/v1/${gatewayId}/${kind}/${deviceId}/command`;

/** The command a message carries, or why it is not one of ours (the broker only forwards our own command topics). */
export function receivedCommand(
  route: CommandRoute,
  gatewayId: string,
  topic: string,
  payload: Buffer,
): { ok: true; command: ReceivedCommand } | { ok: false; reason: string } {
  const device = route.devices.find((d) => commandTopic(gatewayId, d.kind, d.deviceId) === topic);
  if (!device) return { ok: false, reason: 'not a command topic of a device of this bridge' };
  try {
    return { ok: true, command: { ...device, payload: JSON.parse(payload.toString('utf8')) as unknown } };
  } catch {
    return { ok: false, reason: 'the payload is not JSON' };
  }
}
