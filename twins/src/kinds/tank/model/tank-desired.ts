/**
 * Desired state of a tank (DESIGN §4): what operators asked the device to be, kept apart from
 * what it reports. Each property remembers the command that asked for it, so a command that ends
 * without being carried out can withdraw exactly what it asked for.
 */
export interface DesiredValue<T> {
  value: T;
  commandId: string;
  at: Date;
}

export interface TankDesired {
  /** The inlet (filling) valve: true = open. */
  inletValveOpen?: DesiredValue<boolean>;
  /** The gauge's own high-high trip point, mm (the field shutdown, not Hearth's LEVEL_HH alarm). */
  highHighSetpointMm?: DesiredValue<number>;
}

/** The values alone, as commands carry them and the delta shows them. */
export interface TankStateValues {
  inletValveOpen?: boolean;
  highHighSetpointMm?: number;
}

export const desiredProperties = ['inletValveOpen', 'highHighSetpointMm'] as const;

/** Gauges store setpoints as float32 and may round them: within this they count as reached. */
export const SETPOINT_TOLERANCE_MM = 0.01;

export function askFor(desired: TankDesired, values: TankStateValues, commandId: string, at: Date): TankDesired {
  const next: TankDesired = { ...desired };
  if (values.inletValveOpen !== undefined) next.inletValveOpen = { value: values.inletValveOpen, commandId, at };
  if (values.highHighSetpointMm !== undefined) next.highHighSetpointMm = { value: values.highHighSetpointMm, commandId, at };
  return next;
}

/** Drops what `commandId` asked for, unless a later command asked again. */
export function withdraw(desired: TankDesired, commandId: string): TankDesired {
  const next: TankDesired = { ...desired };
  for (const property of desiredProperties) if (next[property]?.commandId === commandId) delete next[property];
  return next;
}

export function desiredValues(desired: TankDesired): TankStateValues {
  const values: TankStateValues = {};
  if (desired.inletValveOpen) values.inletValveOpen = desired.inletValveOpen.value;
  if (desired.highHighSetpointMm) values.highHighSetpointMm = desired.highHighSetpointMm.value;
  return values;
}

/**
 * The delta: desired values the device does not report (yet). Null when in sync. It clears only
 * when the reported state matches, never because a gateway said "done".
 */
export function tankDelta(desired: TankDesired, reported: { inletValveOpen: boolean | null; highHighSetpointMm: number | null }): TankStateValues | null {
  const delta: TankStateValues = {};
  const valve = desired.inletValveOpen?.value;
  if (valve !== undefined && reported.inletValveOpen !== valve) delta.inletValveOpen = valve;
  const setpoint = desired.highHighSetpointMm?.value;
  if (setpoint !== undefined && !(reported.highHighSetpointMm !== null && Math.abs(reported.highHighSetpointMm - setpoint) <= SETPOINT_TOLERANCE_MM)) {
    delta.highHighSetpointMm = setpoint;
  }
  return Object.keys(delta).length > 0 ? delta : null;
}
