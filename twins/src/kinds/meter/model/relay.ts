import type { RelayState } from '../meter-messages';

/** What the metering service asks of a meter's relay (DL/T 645 control 0x1C: 1A trip, 1B allow closing, 1C close). */
export type RelayAction = 'TRIP' | 'ALLOW_CLOSE' | 'CLOSE';
/** Every command a meter takes: the relay's, its alarm (2A) and the alarm's release (2B), and a read of its relay status. */
export type MeterAction = RelayAction | 'ALARM' | 'ALARM_RELEASE' | 'READ_RELAY';

export const RELAY_ACTIONS: readonly RelayAction[] = ['TRIP', 'ALLOW_CLOSE', 'CLOSE'];
export const isRelayAction = (action: string): action is RelayAction => (RELAY_ACTIONS as readonly string[]).includes(action);

/** A relay command is sent at most this often for one intent: once, and once more only after a read-back showed it not done. */
export const MAX_ATTEMPTS = 2;

/**
 * A meter's relay as this service keeps it: what the metering service decided (`intended`), what
 * the meter says (`reported`), the command on its way, and what is due next. Changed only by the
 * pure functions below; the kind sends what `nextCommand` says and raises what the flags say.
 */
export interface Relay {
  /** Where the metering service wants it: OPEN after a TRIP, CLOSED after ALLOW_CLOSE or CLOSE (and before any). */
  intended: RelayState;
  /** What the meter last reported; null before it did. */
  reported: RelayState | null;
  reportedAt: Date | null;
  /** The relay command or read-back on its way to the meter, until the meter answers it or it ends unanswered. */
  pending: { action: RelayAction | 'READ_RELAY'; commandId: string; since: Date } | null;
  /** The last relay action sent for the current intent, and how often (a second time only after a read-back). */
  last: { action: RelayAction; attempts: number; since: Date } | null;
  /** The meter was seen in the intended state since the intent was last sent (or read back there). */
  confirmed: boolean;
  /** A relay command ended unanswered: its result must be read (READ_RELAY) before anything is sent again. */
  readBackDue: boolean;
  /** A read-back (or a report) showed the relay not where its command put it: that command once more. */
  retryDue: boolean;
  /** The relay could not be confirmed where it was sent (METER_RELAY_UNCONFIRMED). */
  unconfirmed: boolean;
  /** Reported CLOSED while intended OPEN after the trip was confirmed: bypassed or tampered with (METER_RELAY_TAMPER). */
  tamper: boolean;
  /** The newest command sent to the relay (its status is the core's). */
  lastCommandId: string | null;
}

export const initialRelay = (): Relay => ({
  intended: 'CLOSED',
  reported: null,
  reportedAt: null,
  pending: null,
  last: null,
  confirmed: false,
  readBackDue: false,
  retryDue: false,
  unconfirmed: false,
  tamper: false,
  lastCommandId: null,
});

/** Where a relay action puts the relay. */
export const targetOf = (action: RelayAction): RelayState => (action === 'TRIP' ? 'OPEN' : 'CLOSED');

/**
 * Whether the relay reported in this state has done what the action asks. ALLOW_CLOSE only lets the
 * customer close it (the button on the meter): it is done once CLOSED, and an OPEN relay under it
 * is waiting for the customer, not failing.
 */
export const satisfied = (action: RelayAction, reported: RelayState | null): boolean => reported === targetOf(action);

/**
 * Whether a relay action the metering service decided would add nothing (duplicate commands
 * merge): the relay is already intended there and either that very action (or a read-back, or its
 * one retry) is on its way, or the meter already reports the state it asks for. A TRIP on a relay
 * reported OPEN while it is intended CLOSED is still sent: that meter tripped itself (local
 * prepayment) or waits under an ALLOW_CLOSE, and only the TRIP keeps it open.
 */
export function merges(relay: Relay, action: RelayAction): boolean {
  if (relay.intended !== targetOf(action)) return false;
  if (relay.pending?.action === action || relay.pending?.action === 'READ_RELAY') return true;
  if ((relay.readBackDue || relay.retryDue) && relay.last?.action === action) return true;
  return satisfied(action, relay.reported);
}

/** What the kind must send next for this relay, if anything: a read-back after an unanswered command, or the one retry after it. */
export function nextCommand(relay: Relay): MeterAction | null {
  if (relay.pending) return null;
  if (relay.readBackDue) return 'READ_RELAY';
  if (relay.retryDue && relay.last) return relay.last.action;
  return null;
}

/**
 * Whether a relay command the meter answered (its `done` ack: the command stays pending, as an ack
 * says nothing of the relay) has gone `answerWithinMs` without a report confirming it: its result
 * must be read back (one READ_RELAY), as for a command that went unanswered. The answer alone is
 * not trusted: a meter may answer 9CH and not switch (a ghost success), and an edge that does not
 * read the relay at every poll sends no later report. A command not done by then expires and is
 * withdrawn (`commandEnded`), which asks for the same read-back. Not an ALLOW_CLOSE: the relay it
 * answered stays OPEN until the customer presses the button, so a read-back could not tell a
 * ghost success from a customer not there yet.
 */
export function doneUnconfirmed(relay: Relay, now: Date, answerWithinMs: number): boolean {
  const pending = relay.pending;
  if (pending === null || pending.action === 'READ_RELAY' || pending.action === 'ALLOW_CLOSE') return false;
  return now.getTime() - pending.since.getTime() >= answerWithinMs;
}

/**
 * A command recorded for the meter (`TwinKind.desire`). A relay action sets the intent: a new one
 * starts its attempts at 1, the retry a read-back called for counts the second; an intent of
 * CLOSED ends a tamper alarm. READ_RELAY waits for the meter's report. ALARM and ALARM_RELEASE leave the relay alone.
 */
export function commandSent(relay: Relay, action: MeterAction, commandId: string, at: Date): Relay {
  if (action === 'ALARM' || action === 'ALARM_RELEASE') return relay;
  if (action === 'READ_RELAY') return { ...relay, pending: { action, commandId, since: at }, readBackDue: false, lastCommandId: commandId };
  const retry = relay.retryDue && relay.last?.action === action && relay.intended === targetOf(action);
  const intended = targetOf(action);
  return {
    ...relay,
    intended,
    pending: { action, commandId, since: at },
    last: { action, attempts: retry ? relay.last!.attempts + 1 : 1, since: at },
    confirmed: false,
    readBackDue: false,
    retryDue: false,
    // A fresh decision is a fresh attempt; a retry keeps what the failed one left.
    unconfirmed: retry ? relay.unconfirmed : false,
    tamper: intended === 'CLOSED' ? false : relay.tamper,
    lastCommandId: commandId,
  };
}

/**
 * A command that ended without being carried out (no answer before it expired, rejected,
 * cancelled: `TwinKind.withdraw`). A relay command is never repeated blind: its result is read
 * first (READ_RELAY), unless it was already the retry, which leaves the relay unconfirmed. A
 * read-back nobody answered leaves it unconfirmed too, until the meter reports its relay.
 */
export function commandEnded(relay: Relay, commandId: string): Relay {
  const pending = relay.pending;
  if (pending?.commandId !== commandId) return relay;
  if (pending.action === 'READ_RELAY') return { ...relay, pending: null, unconfirmed: !relay.confirmed };
  if ((relay.last?.attempts ?? 1) < MAX_ATTEMPTS) return { ...relay, pending: null, readBackDue: true };
  return { ...relay, pending: null, unconfirmed: true };
}

/**
 * The meter reported its relay (telemetry), at `at`. A report that matches the command on its way
 * (or the last one sent) confirms it. A report is a read-back when one was asked for or when the
 * relay was left unconfirmed, and when the command was sent at least `answerWithinMs` before it
 * (the meter had time to act): a relay still not where its TRIP or CLOSE put it calls for that
 * command once more, and after the retry it stays unconfirmed. An OPEN relay under ALLOW_CLOSE is
 * the customer's to close. CLOSED while intended OPEN after the trip was confirmed is tamper, until
 * it reports OPEN again (or the intent becomes CLOSED).
 */
export function relayReported(relay: Relay, reported: RelayState, at: Date, answerWithinMs: number): Relay {
  const next: Relay = { ...relay, reported, reportedAt: at };
  const action = relay.last?.action;
  if (!action || relay.intended !== targetOf(action)) return next;
  if (satisfied(action, reported)) {
    return { ...next, pending: null, confirmed: true, readBackDue: false, retryDue: false, unconfirmed: false, tamper: false };
  }
  if (relay.confirmed) return { ...next, tamper: relay.intended === 'OPEN' && reported === 'CLOSED' };
  const readBack = relay.pending?.action === 'READ_RELAY' || (relay.unconfirmed && !relay.pending);
  const overdue = relay.pending !== null && relay.pending.action !== 'READ_RELAY' && at.getTime() - relay.pending.since.getTime() >= answerWithinMs;
  const failing = readBack || (overdue && action !== 'ALLOW_CLOSE');
  if (!failing) return next;
  // Read back OPEN under ALLOW_CLOSE, the meter may not have it: sent once more like any other.
  const attempts = relay.last?.attempts ?? 1;
  return attempts < MAX_ATTEMPTS
    ? { ...next, pending: null, readBackDue: false, retryDue: true }
    : { ...next, pending: null, readBackDue: false, retryDue: false, unconfirmed: true };
}
