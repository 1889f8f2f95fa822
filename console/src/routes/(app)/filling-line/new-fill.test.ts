import { describe, expect, it } from 'vitest';
import type { ScaleTwin } from '$lib/api/filling-types';
import { reportsNewFill } from './new-fill';

const twin = (at: string | null): ScaleTwin => ({
  weightKg: 15,
  online: true,
  stale: false,
  lastSeenAt: null,
  version: 1,
  interlock: null,
  lastFill: at ? { tag: 'T', netKg: 14.4, at, overfill: false } : null,
  alarms: [],
});

describe('reportsNewFill', () => {
  it('is true for a first fill or a later one, false for a change that is no fill (weight, interlock)', () => {
    expect(reportsNewFill(twin(null), twin('2031-05-10T01:00:00Z'))).toBe(true);
    expect(reportsNewFill(twin('2031-05-10T01:00:00Z'), twin('2031-05-10T01:05:00Z'))).toBe(true);
    expect(reportsNewFill(twin('2031-05-10T01:00:00Z'), twin('2031-05-10T01:00:00Z'))).toBe(false);
    expect(reportsNewFill(twin(null), twin(null))).toBe(false);
  });
});
