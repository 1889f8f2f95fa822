import type { PumpTwinState } from './pump-twin';

/**
 * What the twins service asks of a pump, as the command's desired values. The card host's answer
 * to a card read: AUTHORIZE up to a limit, or REFUSE with its refusal code. (Prices, `SET_PRICES`,
 * come next: one more member here and one more case in `pumpCommandFields`.)
 */
export type PumpCommand =
  | { action: 'AUTHORIZE'; limitMinor: number; reason: null; nozzle: number; authorizationId: string }
  | { action: 'REFUSE'; limitMinor: 0; reason: string; nozzle: number; authorizationId: string };

/** The card host's last answer as the twin shows it: the command that carries it, and whether it was carried out. */
export type PumpDecision = PumpCommand & {
  commandId: string;
  decidedAt: Date;
  /** The command ended without being carried out (rejected, expired, cancelled). */
  withdrawn: boolean;
};

/**
 * The device's payload beside the command's `id` (the MQTT contract): `{ "action": "AUTHORIZE",
 * "limitMinor", "reason": null, "nozzle" }` or `{ "action": "REFUSE", "limitMinor": 0, "reason",
 * "nozzle" }`. Desired values of no pump command add nothing.
 */
export function pumpCommandFields(desired: Record<string, unknown>): Record<string, unknown> {
  const command = desired as Partial<PumpCommand>;
  switch (command.action) {
    case 'AUTHORIZE':
    case 'REFUSE':
      return { action: command.action, limitMinor: command.limitMinor ?? 0, reason: command.reason ?? null, nozzle: command.nozzle ?? null };
    case undefined:
      return {};
  }
}

/**
 * The card host's answer, sent as this command (`TwinKind.desire`): the twin shows it at once. The
 * request it answers is no longer pending; an AUTHORIZE lets the pump dispense on its nozzle.
 */
export function decided(state: PumpTwinState, command: PumpCommand, commandId: string, at: Date): PumpTwinState {
  const pending = state.pendingAuthorization;
  const authorization =
    command.action === 'AUTHORIZE'
      ? { authorizationId: command.authorizationId, commandId, nozzle: command.nozzle, limitMinor: command.limitMinor, at, seen: false }
      : state.authorization;
  return {
    ...state,
    lastDecision: { ...command, commandId, decidedAt: at, withdrawn: false },
    pendingAuthorization: pending?.authorizationId === command.authorizationId ? null : pending,
    authorization,
    version: state.version + 1,
  };
}

/**
 * A command that ended without being carried out (rejected, expired, cancelled): an AUTHORIZE it
 * carried no longer allows dispensing. Unless the pump was already seen acting on it (AUTHORISED,
 * dispensing): then it was carried out, and only its acknowledgement went missing.
 */
export function withdrawn(state: PumpTwinState, commandId: string): PumpTwinState {
  const decision = state.lastDecision;
  const ours = state.authorization?.commandId === commandId;
  if (ours && state.authorization?.seen) return state;
  if (decision?.commandId !== commandId && !ours) return state;
  return {
    ...state,
    lastDecision: decision?.commandId === commandId ? { ...decision, withdrawn: true } : decision,
    authorization: ours ? null : state.authorization,
    version: state.version + 1,
  };
}
