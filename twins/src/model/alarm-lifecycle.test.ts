import { describe, expect, it } from 'vitest';
import { HearthError } from '@hearth/platform';
import { acknowledged, checkShelvable, checkUnshelvable, cleared } from './alarm-lifecycle';

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

  it('shelves any alarm not yet CLEARED, and unshelves only one that is shelved now', () => {
    for (const state of ['ACTIVE', 'ACKNOWLEDGED', 'CLEARED_UNACKNOWLEDGED'] as const) expect(() => checkShelvable(state)).not.toThrow();
    expect(() => checkShelvable('CLEARED')).toThrow(/nothing to shelve/);
    const now = new Date('2026-12-06T10:00:00Z');
    expect(() => checkUnshelvable(new Date('2026-12-06T11:00:00Z'), now)).not.toThrow();
    expect(() => checkUnshelvable(new Date('2026-12-06T09:00:00Z'), now)).toThrow(/not shelved/);
    expect(() => checkUnshelvable(null, now)).toThrow(/not shelved/);
  });
});
