import { describe, expect, it } from 'vitest';
import { applyValveSample, emptyValveTwin, operated, tripped, withdrawn, type ValveTwinState } from '../../valve/model/valve-twin';
import { defaultDetectorLevels } from './detector-levels';
import { applyDetectorSample, emptyDetectorTwin, type DetectorTwinState } from './detector-twin';
import { reopenRefusal, tripsInterlock } from './interlock';

const t = (s: number) => new Date(Date.UTC(2026, 11, 6, 8, 0, s));
let n = 0;
const newId = () => `id-${++n}`;
const detectorAt = (lelPercent: number, online = true): DetectorTwinState => ({
  ...applyDetectorSample(emptyDetectorTwin('d1', 'ten'), defaultDetectorLevels, { ts: t(0), lelPercent }, { gatewayId: 'gw', receivedAt: t(0) }, newId).state,
  online,
});
const valveReports = (valve: ValveTwinState, s: number, open: boolean) =>
  applyValveSample(valve, { ts: t(s), open }, { gatewayId: 'gw', receivedAt: t(s) }, newId);
const trippedValve = () => tripped(valveReports(emptyValveTwin('v1', 'ten'), 0, true).state, { detectorId: 'd1', commandId: 'c1', lelPercent: 55 }, t(1));

describe('the gas interlock decision', () => {
  it('trips when the detector’s second level is reached, once', () => {
    expect(tripsInterlock(detectorAt(49), undefined)).toBe(false);
    expect(tripsInterlock(detectorAt(50), undefined)).toBe(true);
    expect(tripsInterlock(detectorAt(50), emptyValveTwin('v1', 'ten'))).toBe(true);
    expect(tripsInterlock(detectorAt(70), trippedValve())).toBe(false);
  });

  it('trips again when an operator closed the valve by hand: the interlock must hold it', () => {
    const closedByHand = operated(emptyValveTwin('v1', 'ten'), false, 'c9', t(0));
    expect(tripsInterlock(detectorAt(60), closedByHand)).toBe(true);
  });

  it('lets the valve reopen only once the detector reads below its first level, online', () => {
    const valve = trippedValve();
    expect(reopenRefusal(valve, detectorAt(30), defaultDetectorLevels)).toMatchObject({ detectorId: 'd1', lelPercent: 30 });
    expect(reopenRefusal(valve, detectorAt(20), defaultDetectorLevels)).toMatchObject({ lelPercent: 20 });
    expect(reopenRefusal(valve, detectorAt(5, false), defaultDetectorLevels)?.reason).toMatch(/cannot be read/);
    expect(reopenRefusal(valve, undefined, defaultDetectorLevels)?.reason).toMatch(/cannot be read/);
    expect(reopenRefusal(valve, detectorAt(19.9), defaultDetectorLevels)).toBeNull();
    expect(reopenRefusal(emptyValveTwin('v2', 'ten'), detectorAt(90), defaultDetectorLevels)).toBeNull();
  });
});

describe('a valve under its interlock', () => {
  it('asks to close, is confirmed closed by its report, and alarms CRITICAL when it reports open against it', () => {
    const valve = trippedValve();
    expect(valve.desired.open).toMatchObject({ value: false, commandId: 'c1' });
    // Still open before it acted: not yet against the interlock.
    const before = valveReports(valve, 2, true);
    expect(before.changes).toEqual([]);
    const closed = valveReports(before.state, 3, false);
    expect(closed.state.interlock?.closedAt).toEqual(t(3));
    const forced = valveReports(closed.state, 4, true);
    expect(forced.changes.map((c) => [c.kind, c.alarm.code, c.alarm.severity])).toEqual([['raised', 'VALVE_OPEN_AGAINST_INTERLOCK', 'CRITICAL']]);
    expect(valveReports(forced.state, 5, false).changes.map((c) => [c.kind, c.alarm.code])).toEqual([['cleared', 'VALVE_OPEN_AGAINST_INTERLOCK']]);
  });

  it('keeps the interlock when its close command is withdrawn; an operator’s OPEN ends it', () => {
    const valve = trippedValve();
    const w = withdrawn(valve, 'c1');
    expect(w.desired).toEqual({});
    expect(w.interlock?.detectorId).toBe('d1');
    expect(withdrawn(valve, 'other')).toBe(valve);
    const reopened = operated(valve, true, 'c2', t(9));
    expect(reopened.interlock).toBeNull();
    expect(reopened.desired.open).toMatchObject({ value: true, commandId: 'c2' });
    expect(operated(valve, false, 'c3', t(9)).interlock?.detectorId).toBe('d1');
  });
});
