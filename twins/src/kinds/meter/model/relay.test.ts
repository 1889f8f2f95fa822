import { describe, expect, it } from 'vitest';
import { commandEnded, commandSent, doneUnconfirmed, initialRelay, merges, nextCommand, relayReported, type Relay } from './relay';

const WINDOW = 60_000;
const t0 = new Date('2026-11-21T08:00:00Z');
const after = (ms: number) => new Date(t0.getTime() + ms);

/** A relay with a TRIP sent at t0 as command `c1`. */
const tripping = (): Relay => commandSent(initialRelay(), 'TRIP', 'c1', t0);
/** A trip the meter confirmed (reported OPEN). */
const tripped = (): Relay => relayReported(tripping(), 'OPEN', after(5_000), WINDOW);

describe('duplicate relay commands merge', () => {
  it('sends a TRIP on a closed relay, and nothing more while it is on its way or once the relay reports OPEN', () => {
    expect(merges(initialRelay(), 'TRIP')).toBe(false);
    expect(merges(tripping(), 'TRIP')).toBe(true);
    expect(merges(tripped(), 'TRIP')).toBe(true);
  });

  it('sends a TRIP while a read-back or the retry of one is due or on its way', () => {
    const unanswered = commandEnded(tripping(), 'c1');
    expect(merges(unanswered, 'TRIP')).toBe(true);
    const reading = commandSent(unanswered, 'READ_RELAY', 'r1', after(61_000));
    expect(merges(reading, 'TRIP')).toBe(true);
  });

  it('still sends the TRIP that changes the intent of a relay reported OPEN under ALLOW_CLOSE (only the TRIP keeps it open)', () => {
    const allowed = commandSent(tripped(), 'ALLOW_CLOSE', 'c2', after(10_000));
    const waiting = relayReported(allowed, 'OPEN', after(20_000), WINDOW);
    expect(waiting.intended).toBe('CLOSED');
    expect(merges(waiting, 'TRIP')).toBe(false);
  });

  it('merges a CLOSE on a relay reported CLOSED, and an ALLOW_CLOSE on its way', () => {
    const closing = commandSent(tripped(), 'CLOSE', 'c2', after(10_000));
    expect(merges(closing, 'CLOSE')).toBe(true);
    expect(merges(relayReported(closing, 'CLOSED', after(12_000), WINDOW), 'CLOSE')).toBe(true);
    const allowing = commandSent(tripped(), 'ALLOW_CLOSE', 'c3', after(10_000));
    expect(merges(allowing, 'ALLOW_CLOSE')).toBe(true);
    expect(merges(allowing, 'CLOSE')).toBe(false);
  });
});

describe('an unanswered relay command is read back, never repeated blind', () => {
  it('asks for READ_RELAY when the TRIP times out, and nothing else', () => {
    const timedOut = commandEnded(tripping(), 'c1');
    expect(nextCommand(timedOut)).toBe('READ_RELAY');
    expect(timedOut).toMatchObject({ intended: 'OPEN', pending: null, readBackDue: true, retryDue: false, unconfirmed: false });
    // The end of a command that is no longer the relay's changes nothing.
    expect(commandEnded(timedOut, 'c1')).toBe(timedOut);
    expect(commandEnded(tripping(), 'other')).toEqual(tripping());
  });

  it('confirms the trip when the read-back shows the relay OPEN: nothing is sent again', () => {
    const reading = commandSent(commandEnded(tripping(), 'c1'), 'READ_RELAY', 'r1', after(61_000));
    expect(nextCommand(reading)).toBe(null);
    const back = relayReported(reading, 'OPEN', after(62_000), WINDOW);
    expect(back).toMatchObject({ confirmed: true, pending: null, unconfirmed: false });
    expect(nextCommand(back)).toBe(null);
  });

  it('sends the TRIP once more when the read-back shows it still CLOSED, and gives up unconfirmed when that fails too', () => {
    const reading = commandSent(commandEnded(tripping(), 'c1'), 'READ_RELAY', 'r1', after(61_000));
    const stillClosed = relayReported(reading, 'CLOSED', after(62_000), WINDOW);
    expect(nextCommand(stillClosed)).toBe('TRIP');
    const retried = commandSent(stillClosed, 'TRIP', 'c2', after(63_000));
    expect(retried.last).toMatchObject({ action: 'TRIP', attempts: 2 });
    const failedAgain = commandEnded(retried, 'c2');
    expect(failedAgain.unconfirmed).toBe(true);
    expect(nextCommand(failedAgain)).toBe(null);
    // Later reports confirm it, or leave it unconfirmed: never a third TRIP.
    expect(nextCommand(relayReported(failedAgain, 'CLOSED', after(900_000), WINDOW))).toBe(null);
    expect(relayReported(failedAgain, 'OPEN', after(900_000), WINDOW)).toMatchObject({ unconfirmed: false, confirmed: true });
  });

  it('raises unconfirmed when the read-back goes unanswered too, and retries only once a report shows the relay', () => {
    const reading = commandSent(commandEnded(tripping(), 'c1'), 'READ_RELAY', 'r1', after(61_000));
    const silent = commandEnded(reading, 'r1');
    expect(silent.unconfirmed).toBe(true);
    expect(nextCommand(silent)).toBe(null);
    expect(nextCommand(relayReported(silent, 'CLOSED', after(600_000), WINDOW))).toBe('TRIP');
  });

  it('treats a report against a TRIP sent more than the window before as its read-back (a command acknowledged but not done)', () => {
    expect(nextCommand(relayReported(tripping(), 'CLOSED', after(10_000), WINDOW))).toBe(null);
    expect(nextCommand(relayReported(tripping(), 'CLOSED', after(70_000), WINDOW))).toBe('TRIP');
  });

  it('reads back a TRIP the meter answered but no report confirmed within the window (a ghost success), then retries once and gives up unconfirmed', () => {
    // Answered (done), and the relay read right after still CLOSED: not yet a read-back.
    const answered = relayReported(tripping(), 'CLOSED', after(2_000), WINDOW);
    expect(doneUnconfirmed(answered, after(30_000), WINDOW)).toBe(false);
    expect(doneUnconfirmed(answered, after(60_000), WINDOW)).toBe(true);
    const reading = commandSent(answered, 'READ_RELAY', 'r1', after(60_000));
    expect(doneUnconfirmed(reading, after(600_000), WINDOW)).toBe(false);
    const stillClosed = relayReported(reading, 'CLOSED', after(61_000), WINDOW);
    expect(nextCommand(stillClosed)).toBe('TRIP');
    const retried = commandSent(stillClosed, 'TRIP', 'c2', after(62_000));
    expect(doneUnconfirmed(retried, after(122_000), WINDOW)).toBe(true);
    const readAgain = relayReported(commandSent(retried, 'READ_RELAY', 'r2', after(122_000)), 'CLOSED', after(123_000), WINDOW);
    expect(readAgain).toMatchObject({ unconfirmed: true, pending: null });
    expect(nextCommand(readAgain)).toBe(null);
    expect(doneUnconfirmed(readAgain, after(900_000), WINDOW)).toBe(false);
    // Confirmed by a report: nothing to read back.
    expect(doneUnconfirmed(tripped(), after(900_000), WINDOW)).toBe(false);
  });

  it('does not read back an ALLOW_CLOSE the meter answered: the relay is the customer’s to close', () => {
    expect(doneUnconfirmed(commandSent(tripped(), 'ALLOW_CLOSE', 'c2', after(10_000)), after(3_600_000), WINDOW)).toBe(false);
  });

  it('leaves an OPEN relay under ALLOW_CLOSE to the customer', () => {
    const allowing = commandSent(tripped(), 'ALLOW_CLOSE', 'c2', after(10_000));
    const open = relayReported(allowing, 'OPEN', after(3_600_000), WINDOW);
    expect(nextCommand(open)).toBe(null);
    expect(open).toMatchObject({ unconfirmed: false, tamper: false, pending: { action: 'ALLOW_CLOSE' } });
    expect(relayReported(open, 'CLOSED', after(3_700_000), WINDOW)).toMatchObject({ confirmed: true, pending: null });
  });
});

describe('a relay closed against its confirmed trip is tamper', () => {
  it('raises tamper when a confirmed trip reports CLOSED, and clears it when it reports OPEN again', () => {
    const bypassed = relayReported(tripped(), 'CLOSED', after(600_000), WINDOW);
    expect(bypassed.tamper).toBe(true);
    expect(nextCommand(bypassed)).toBe(null);
    expect(relayReported(bypassed, 'OPEN', after(700_000), WINDOW).tamper).toBe(false);
  });

  it('clears tamper when supply is given back (intended CLOSED)', () => {
    const bypassed = relayReported(tripped(), 'CLOSED', after(600_000), WINDOW);
    expect(commandSent(bypassed, 'ALLOW_CLOSE', 'c2', after(700_000)).tamper).toBe(false);
    expect(commandSent(bypassed, 'ALARM', 'a1', after(700_000)).tamper).toBe(true);
  });

  it('is not tamper before the trip was confirmed (the meter had not acted yet) nor once read back OPEN', () => {
    expect(relayReported(tripping(), 'CLOSED', after(1_000), WINDOW).tamper).toBe(false);
    const readBack = relayReported(commandSent(commandEnded(tripping(), 'c1'), 'READ_RELAY', 'r1', after(61_000)), 'OPEN', after(62_000), WINDOW);
    expect(relayReported(readBack, 'CLOSED', after(900_000), WINDOW).tamper).toBe(true);
  });
});
