import { describe, expect, it } from 'vitest';
import { changedFields } from './domain-audit';

describe('changedFields', () => {
  it('keeps only what changed, group members one by one, a removed value as null', () => {
    const before = { name: 'T-1', product: 'LPG', alarmLevels: { highMm: 2200, lowMm: 400, deadbandMm: 10 } };
    const after = { name: 'T-2', product: 'LPG', alarmLevels: { highMm: 2300, lowMm: null, deadbandMm: 10 } };
    expect(changedFields(before, after)).toEqual({
      before: { name: 'T-1', alarmLevels: { highMm: 2200, lowMm: 400 } },
      after: { name: 'T-2', alarmLevels: { highMm: 2300, lowMm: null } },
    });
  });

  it('is null when nothing changed', () => {
    expect(changedFields({ name: 'T-1', alarmLevels: { highMm: null } }, { name: 'T-1', alarmLevels: { highMm: undefined } })).toBeNull();
  });
});
