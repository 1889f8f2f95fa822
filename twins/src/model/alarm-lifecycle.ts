import { HearthError } from '@hearth/platform';
import type { AlarmStateName } from './alarm';

/**
 * An alarm's state as ISA-18.2 tells them apart: whether its condition holds (ACTIVE, ACKNOWLEDGED)
 * or has returned to normal (CLEARED_UNACKNOWLEDGED, CLEARED), and whether someone acknowledged it.
 * A condition that clears unseen waits for its acknowledgement; nothing is acknowledged twice.
 */
export function acknowledged(state: AlarmStateName): AlarmStateName {
  switch (state) {
    case 'ACTIVE':
      return 'ACKNOWLEDGED';
    case 'CLEARED_UNACKNOWLEDGED':
      return 'CLEARED';
    case 'ACKNOWLEDGED':
    case 'CLEARED':
      throw new HearthError('INVALID_ALARM_TRANSITION', `The alarm is ${state} and already acknowledged.`, { state });
  }
}

/** Its condition returned to normal. */
export const cleared = (state: AlarmStateName): AlarmStateName => (state === 'ACTIVE' ? 'CLEARED_UNACKNOWLEDGED' : 'CLEARED');

/** The longest an alarm may be shelved: shelving is temporary by design (ISA-18.2), never a way to silence one for good. */
export const MAX_SHELVE_MS = 7 * 24 * 3600 * 1000;

/** An alarm not yet CLEARED may be shelved (again: a new time and reason replace the old). */
export function checkShelvable(state: AlarmStateName): void {
  if (state === 'CLEARED') throw new HearthError('INVALID_ALARM_TRANSITION', 'The alarm is CLEARED: there is nothing to shelve.', { state });
}

/** Only a shelved alarm can be unshelved. */
export function checkUnshelvable(shelvedUntil: Date | null, now: Date): void {
  if (!shelvedUntil || shelvedUntil <= now) throw new HearthError('INVALID_ALARM_TRANSITION', 'The alarm is not shelved.', { shelved: false });
}
