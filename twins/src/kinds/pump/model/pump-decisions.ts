import { pricesAsked, setPricesFields, type SetPricesCommand } from './pump-prices';
import type { PumpTwinState } from './pump-twin';

/** The card host's answer to a card read: AUTHORIZE up to a limit, or REFUSE with its refusal code. */
export type CardHostCommand =
  | { action: 'AUTHORIZE'; limitMinor: number; reason: null; nozzle: number; authorizationId: string }
  | { action: 'REFUSE'; limitMinor: 0; reason: string; nozzle: number; authorizationId: string };

/** What the twins service asks of a pump, as the command's desired values: the card host's answers, and the price board's prices. */
export type PumpCommand = CardHostCommand | SetPricesCommand;

/** The card host's last answer as the twin shows it: the command that carries it, and whether it was carried out. */
export type PumpDecision = CardHostCommand & {
  commandId: string;
  decidedAt: Date;
  /** The command ended without being carried out (rejected, expired, cancelled). */
  withdrawn: boolean;
};

/**
 * The device's payload beside the command's `id` (the MQTT contract): `{ "action": "AUTHORIZE",
 * "limitMinor", "reason": null, "nozzle" }`, `{ "action": "REFUSE", "limitMinor": 0, "reason",
 * "nozzle" }` or `{ "action": "SET_PRICES", "prices": [{ "grade", "unitPriceMinor" }] }`. Desired
 * values of no pump command add nothing.
 */
export function pumpCommandFields(desired: Record<string, unknown>): Record<string, unknown> {
  const command = desired as Partial<PumpCommand>;
  switch (command.action) {
    case 'AUTHORIZE':
    case 'REFUSE':
      return { action: command.action, limitMinor: command.limitMinor ?? 0, reason: command.reason ?? null, nozzle: command.nozzle ?? null };
    case 'SET_PRICES':
      return setPricesFields(command);
    case undefined:
      return {};
  }
}

/** A command recorded for the pump (`TwinKind.desire`): the twin shows what it asks at once. */
export function desired(state: PumpTwinState, command: PumpCommand, commandId: string, at: Date): PumpTwinState {
  return command.action === 'SET_PRICES' ? pricesAsked(state, command, commandId, at) : decided(state, command, commandId, at);
}

/**
 * The card host's answer, sent as this command: the twin shows it at once. The request it answers
 * is no longer pending; an AUTHORIZE lets the pump dispense on its nozzle.
 */
export function decided(state: PumpTwinState, command: CardHostCommand, commandId: string, at: Date): PumpTwinState {
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
