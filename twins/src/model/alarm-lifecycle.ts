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
