import { describe, expect, it } from 'vitest';
import type { Detector, Valve } from '$lib/api/types';
import { applyValve, groupBySite, interlockRefusal, mergeDetector, summarize } from './safety-model';

const valve = (id: string, version: number, open: boolean | null = true): Valve => ({
  id,
  twin: { open, fault: 0, desiredOpen: null, delta: null, interlock: null, online: true, stale: false, lastSeenAt: null, version, alarms: [] },
});
const detector = (id: string, version: number, changes: Partial<Detector['twin']> = {}, siteId: string | null = 's1'): Detector => ({
  id,
  siteId,
  levels: { firstLel: 20, secondLel: 40, industrial: true },
  valve: valve(`v-${id}`, 1),
  twin: { lelPercent: 0, fault: 0, level: 'NORMAL', online: true, stale: false, lastSeenAt: '2026-03-01T08:00:00Z', version, alarms: [], ...changes },
});

describe('the gas safety page’s state', () => {
  it('never lets an older twin replace a newer one, for the detector and its valve apart', () => {
    const current = { ...detector('d1', 5, { lelPercent: 60, level: 'SECOND' }), valve: valve('v-d1', 2, false) };
    const older = detector('d1', 4, { lelPercent: 10 });
    expect(mergeDetector(current, older).twin.lelPercent).toBe(60);
    expect(mergeDetector(current, older).valve?.twin.open).toBe(false);
    const newer = { ...detector('d1', 6, { lelPercent: 3 }), valve: valve('v-d1', 3, true) };
    expect(mergeDetector(current, newer)).toEqual(newer);
  });

  it('gives a valve event to the detectors bound to that valve, and to no other', () => {
    const detectors = { d1: detector('d1', 1), d2: detector('d2', 1) };
    const changed = applyValve(detectors, valve('v-d1', 2, false));
    expect(changed?.d1?.valve?.twin.open).toBe(false);
    expect(changed?.d2).toBe(detectors.d2);
    expect(applyValve(detectors, valve('v-unbound', 9))).toBeNull();
    expect(applyValve(detectors, valve('v-d1', 0, false))?.d1?.valve?.twin.open).toBe(true);
  });

  it('groups detectors by site name, those without a site last, in a stable order', () => {
    const groups = groupBySite([detector('b', 1, {}, 's2'), detector('c', 1, {}, null), detector('a', 1, {}, 's2'), detector('x', 1, {}, 's1')], {
      s1: 'Station',
      s2: 'Depot',
    });
    expect(groups.map((g) => [g.name, g.detectors.map((d) => d.id)])).toEqual([
      ['Depot', ['a', 'b']],
      ['Station', ['x']],
      [null, ['c']],
    ]);
    expect(groupBySite([detector('a', 1, {}, 's9')], {})[0]?.name).toBe('s9');
  });

  it('counts detectors at each level and those whose readings cannot be trusted', () => {
    const summary = summarize([
      detector('a', 1, { level: 'SECOND' }),
      detector('b', 1, { level: 'FIRST', fault: 4 }),
      detector('c', 1, { stale: true }),
      detector('d', 1, { online: false, lastSeenAt: null }),
    ]);
    expect(summary).toEqual({ detectors: 4, second: 1, first: 1, trouble: 2 });
  });

  it('tells an interlock refusal, with its detector and reading, from other errors', () => {
    expect(interlockRefusal([{ extensions: { code: 'INTERLOCK_ACTIVE', detectorId: 'd1', lelPercent: 60 } }])).toEqual({ detectorId: 'd1', lelPercent: 60 });
    expect(interlockRefusal([{ extensions: { code: 'INTERLOCK_ACTIVE', detectorId: 'd1', lelPercent: null } }])).toEqual({
      detectorId: 'd1',
      lelPercent: null,
    });
    expect(interlockRefusal([{ extensions: { code: 'FORBIDDEN' } }, {}])).toBeNull();
  });
});
