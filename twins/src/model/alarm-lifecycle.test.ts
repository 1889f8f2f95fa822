import { describe, expect, it } from 'vitest';
import { HearthError } from '@hearth/platform';
import { acknowledged, cleared } from './alarm-lifecycle';

describe('alarm lifecycle (ISA-18.2)', () => {
  it('acknowledges an alarm once, whether its condition still holds or is over', () => {
    expect(acknowledged('ACTIVE')).toBe('ACKNOWLEDGED');
    expect(acknowledged('CLEARED_UNACKNOWLEDGED')).toBe('CLEARED');
  });

  it.each(['ACKNOWLEDGED', 'CLEARED'] as const)('refuses to acknowledge an alarm that is %s with INVALID_ALARM_TRANSITION', (state) => {
    let refusal: unknown;
    try {
      acknowledged(state);
    } catch (err) {
      refusal = err;
    }
    expect(refusal).toBeInstanceOf(HearthError);
    expect(refusal).toMatchObject({ extensions: { code: 'INVALID_ALARM_TRANSITION', state } });
  });

  it('keeps an alarm that clears unseen waiting for its acknowledgement', () => {
    expect(cleared('ACTIVE')).toBe('CLEARED_UNACKNOWLEDGED');
    expect(cleared('ACKNOWLEDGED')).toBe('CLEARED');
  });
});
