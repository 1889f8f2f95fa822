import { describe, expect, it } from 'vitest';
import { defaultDetectorLevels, detectorLevelsSchema, LEL_DEADBAND } from './detector-levels';
import { applyDetectorSample, emptyDetectorTwin, markDetectorSilent, type DetectorTwinState } from './detector-twin';

const t = (s: number) => new Date(Date.UTC(2026, 11, 6, 8, 0, s));
let n = 0;
const newId = () => `alarm-${++n}`;
const origin = (s: number) => ({ gatewayId: 'gw-1', receivedAt: t(s) });
const read = (state: DetectorTwinState, s: number, values: { lelPercent?: number; fault?: number }, ts = t(s)) =>
  applyDetectorSample(state, defaultDetectorLevels, { ts, ...values }, origin(s), newId);
const codes = (state: DetectorTwinState) => state.alarms.map((a) => a.code).sort();

describe('detector thresholds', () => {
  it('raises MAJOR at the first level and CRITICAL at the second, most severe first', () => {
    let { state, changes } = read(emptyDetectorTwin('d1', 'ten'), 0, { lelPercent: 19.9 });
    expect(changes).toEqual([]);
    ({ state, changes } = read(state, 1, { lelPercent: 20 }));
    expect(changes.map((c) => [c.kind, c.alarm.code, c.alarm.severity])).toEqual([['raised', 'GAS_LEL_HIGH', 'MAJOR']]);
    ({ state, changes } = read(state, 2, { lelPercent: 55 }));
    expect(changes.map((c) => [c.kind, c.alarm.code, c.alarm.severity, c.alarm.value])).toEqual([['raised', 'GAS_LEL_HIGH_HIGH', 'CRITICAL', 55]]);
    expect(state.alarms.map((a) => a.code)).toEqual(['GAS_LEL_HIGH_HIGH', 'GAS_LEL_HIGH']);
  });

  it('clears each level only past its dead band (no alarm storm from a reading hovering at a level)', () => {
    let { state } = read(emptyDetectorTwin('d1', 'ten'), 0, { lelPercent: 51 });
    expect(codes(state)).toEqual(['GAS_LEL_HIGH', 'GAS_LEL_HIGH_HIGH']);
    ({ state } = read(state, 1, { lelPercent: 50 - LEL_DEADBAND + 0.5 }));
    expect(codes(state)).toEqual(['GAS_LEL_HIGH', 'GAS_LEL_HIGH_HIGH']);
    const cleared = read(state, 2, { lelPercent: 50 - LEL_DEADBAND });
    expect(cleared.changes.map((c) => [c.kind, c.alarm.code])).toEqual([['cleared', 'GAS_LEL_HIGH_HIGH']]);
    ({ state } = read(cleared.state, 3, { lelPercent: 19 }));
    expect(codes(state)).toEqual(['GAS_LEL_HIGH']);
    ({ state } = read(state, 4, { lelPercent: 17.9 }));
    expect(codes(state)).toEqual([]);
  });

  it('follows a detector’s own levels', () => {
    const industrial = { firstLel: 10, secondLel: 25, industrial: true };
    const { state } = applyDetectorSample(emptyDetectorTwin('d1', 'ten'), industrial, { ts: t(0), lelPercent: 26 }, origin(0), newId);
    expect(codes(state)).toEqual(['GAS_LEL_HIGH', 'GAS_LEL_HIGH_HIGH']);
  });

  it('keeps gas alarms on a report without a reading, and raises DETECTOR_FAULT on fault bits until they clear', () => {
    let { state } = read(emptyDetectorTwin('d1', 'ten'), 0, { lelPercent: 30 });
    ({ state } = read(state, 1, { fault: 0b100 }));
    expect(codes(state)).toEqual(['DETECTOR_FAULT', 'GAS_LEL_HIGH']);
    expect(state.alarms.find((a) => a.code === 'DETECTOR_FAULT')).toMatchObject({ severity: 'MAJOR', value: 4 });
    ({ state } = read(state, 2, { fault: 0, lelPercent: 5 }));
    expect(codes(state)).toEqual([]);
  });

  it('a late reading clears nothing and moves nothing, but gas it shows is alarmed', () => {
    let { state } = read(emptyDetectorTwin('d1', 'ten'), 10, { lelPercent: 5 });
    const late = read(state, 11, { lelPercent: 60 }, t(2));
    expect(late.state.lelPercent).toBe(5);
    expect(codes(late.state)).toEqual(['GAS_LEL_HIGH', 'GAS_LEL_HIGH_HIGH']);
    ({ state } = read(late.state, 12, { lelPercent: 3 }));
    const lateLow = read(state, 13, { lelPercent: 0 }, t(1));
    expect(lateLow.changes).toEqual([]);
  });

  it('raises DETECTOR_SILENT once when it goes stale, and its next report clears it', () => {
    const { state } = read(emptyDetectorTwin('d1', 'ten'), 0, { lelPercent: 1 });
    const silent = markDetectorSilent(state, t(700), newId);
    expect(silent.twin).toMatchObject({ stale: true, online: false });
    expect(silent.alarms.map((c) => [c.kind, c.alarm.code, c.alarm.severity])).toEqual([['raised', 'DETECTOR_SILENT', 'MAJOR']]);
    expect(markDetectorSilent(silent.twin, t(800), newId).alarms).toEqual([]);
    const back = read(silent.twin, 801, { lelPercent: 1 });
    expect(back.changes.map((c) => [c.kind, c.alarm.code])).toEqual([['cleared', 'DETECTOR_SILENT']]);
    expect(back.state).toMatchObject({ online: true, stale: false });
  });
});

describe('detector levels', () => {
  const valid = (l: object) => detectorLevelsSchema.safeParse({ ...defaultDetectorLevels, ...l }).success;
  it('keep the second above the first, and industrial ones within GB/T 50493-2019', () => {
    expect(valid({})).toBe(true);
    expect(valid({ firstLel: 50, secondLel: 50 })).toBe(false);
    expect(valid({ industrial: true, firstLel: 25, secondLel: 50 })).toBe(true);
    expect(valid({ industrial: true, firstLel: 26, secondLel: 50 })).toBe(false);
    expect(valid({ industrial: true, firstLel: 20, secondLel: 55 })).toBe(false);
    expect(valid({ firstLel: 30, secondLel: 60 })).toBe(true);
  });
});
