import { describe, expect, it } from 'vitest';
import type { TankConfig } from './tank-config';
import { applyTankSample, emptyTankTwin, type TankSample, type TankTwinState } from './tank-twin';

const config: TankConfig = {
  tankId: 't1',
  tenantId: 'ten',
  siteId: 's1',
  capacityLiters: 50_000,
  maxFillPercent: 85,
  densityKgPerL: 0.5,
  referenceTemperatureC: 15,
  expansionPerK: 0.003,
  limits: { highHighMm: 2400, highMm: 2200, lowMm: 400, lowLowMm: 200, deadbandMm: 20 },
  strapping: [
    { levelMm: 0, volumeLiters: 0 },
    { levelMm: 2500, volumeLiters: 50_000 },
  ],
};
let ids = 0;
const newId = () => `a${++ids}`;
const origin = { gatewayId: 'gw-1', receivedAt: new Date('2026-11-21T08:00:05Z') };
const at = (s: number) => new Date(Date.UTC(2026, 10, 21, 8, 0, s));
const apply = (state: TankTwinState, sample: TankSample) => applyTankSample(state, config, sample, origin, newId);

describe('tank twin', () => {
  it('derives volume, fill, mass and connectivity from a reading', () => {
    const { state } = apply(emptyTankTwin('t1', 'ten'), { ts: at(0), seq: 1, values: { levelMm: 1000, temperatureC: 15 } });
    expect(state.derived.volumeLiters).toBe(20_000);
    expect(state.derived.fillPercent).toBe(40);
    expect(state.derived.massKg).toBe(10_000);
    expect(state).toMatchObject({ online: true, gatewayId: 'gw-1', lastSeq: 1, version: 1, reportedAt: at(0) });
  });

  it('corrects mass for temperature', () => {
    const { state } = apply(emptyTankTwin('t1', 'ten'), { ts: at(0), values: { levelMm: 1000, temperatureC: 25 } });
    expect(state.derived.volumeAtReferenceLiters).toBeCloseTo(20_000 / 1.03);
    expect(state.derived.massKg).toBeCloseTo((20_000 / 1.03) * 0.5);
  });

  it('keeps metrics a message did not carry', () => {
    const first = apply(emptyTankTwin('t1', 'ten'), { ts: at(0), values: { levelMm: 1000, temperatureC: 12, pressureKPa: 600 } }).state;
    const { state } = apply(first, { ts: at(1), values: { levelMm: 1010 } });
    expect(state.reported).toEqual({ levelMm: 1010, temperatureC: 12, pressureKPa: 600, waterLevelMm: null, inletValveOpen: null, highHighSetpointMm: null });
  });

  it('leaves the twin alone for a late sample but counts it as contact', () => {
    const now = apply(emptyTankTwin('t1', 'ten'), { ts: at(4), seq: 2, values: { levelMm: 2450 } });
    const late = apply(now.state, { ts: at(1), seq: 3, values: { levelMm: 1000 } });
    expect(late.late).toBe(true);
    expect(late.state.reported.levelMm).toBe(2450);
    expect(late.state.reportedAt).toEqual(at(4));
    expect(late.changes).toEqual([]);
    expect(late.state.alarms.map((a) => a.code).sort()).toEqual(['LEVEL_H', 'LEVEL_HH', 'OVERFILL']);
    expect(late.state.lastSeq).toBe(3);
    expect(late.derived.volumeLiters).toBe(20_000);
  });

  it('takes a reading whose clock runs ahead as of its receipt, so the next real reading and its HH are not held back', () => {
    // The device clock is 59 minutes ahead (within no sane skew, but suppose the broker's limit allowed it).
    const ahead = apply(emptyTankTwin('t1', 'ten'), { ts: new Date(origin.receivedAt.getTime() + 59 * 60_000), values: { levelMm: 1000 } });
    expect(ahead.state.reportedAt).toEqual(origin.receivedAt);
    const hh = applyTankSample(ahead.state, config, { ts: at(6), values: { levelMm: 2450 } }, { ...origin, receivedAt: at(6) }, newId);
    expect(hh.late).toBe(false);
    expect(hh.state.reported.levelMm).toBe(2450);
    expect(hh.changes.map((c) => `${c.kind}:${c.alarm.code}`)).toContain('raised:LEVEL_HH');
  });

  it('raises the alarm a late reading shows (a clock that jumped back), without moving the twin or clearing anything', () => {
    const now = apply(emptyTankTwin('t1', 'ten'), { ts: at(4), values: { levelMm: 300 } });
    expect(now.state.alarms.map((a) => a.code)).toEqual(['LEVEL_L']);
    const late = apply(now.state, { ts: at(1), values: { levelMm: 2450 } });
    expect(late.late).toBe(true);
    expect(late.state.reported.levelMm).toBe(300);
    expect(late.changes.every((c) => c.kind === 'raised')).toBe(true);
    expect(late.state.alarms.map((a) => a.code).sort()).toEqual(['LEVEL_H', 'LEVEL_HH', 'LEVEL_L', 'OVERFILL']);
    // The next latest reading decides: the level is back to normal, every alarm clears.
    const next = apply(late.state, { ts: at(5), values: { levelMm: 1000 } });
    expect(next.state.alarms).toEqual([]);
  });

  it('raises HH and overfill once, and clears them when the level falls back', () => {
    const up = apply(emptyTankTwin('t1', 'ten'), { ts: at(0), values: { levelMm: 2450 } });
    expect(up.changes.map((c) => `${c.kind}:${c.alarm.code}`).sort()).toEqual(['raised:LEVEL_H', 'raised:LEVEL_HH', 'raised:OVERFILL']);
    const again = apply(up.state, { ts: at(1), values: { levelMm: 2460 } });
    expect(again.changes).toEqual([]);
    expect(again.state.alarms).toHaveLength(3);
    const down = apply(again.state, { ts: at(2), values: { levelMm: 1500 } });
    expect(down.changes.map((c) => `${c.kind}:${c.alarm.code}`).sort()).toEqual(['cleared:LEVEL_H', 'cleared:LEVEL_HH', 'cleared:OVERFILL']);
    expect(down.state.alarms).toEqual([]);
  });

  it('keeps reported device state beside the measurements, and a sample ends staleness', () => {
    const stale = { ...emptyTankTwin('t1', 'ten'), stale: true };
    const { state } = apply(stale, { ts: at(0), values: { inletValveOpen: false, highHighSetpointMm: 2350 } });
    expect(state.reported).toMatchObject({ inletValveOpen: false, highHighSetpointMm: 2350, levelMm: null });
    expect(state).toMatchObject({ online: true, stale: false });
  });

  it('computes nothing derived without a strapping table', () => {
    const { state } = applyTankSample(emptyTankTwin('t1', 'ten'), { ...config, strapping: null }, { ts: at(0), values: { levelMm: 1000 } }, origin, newId);
    expect(state.derived.volumeLiters).toBeNull();
    expect(state.reported.levelMm).toBe(1000);
  });
});
