import { describe, expect, it } from 'vitest';
import { activeLevelAlarms, overfillActive, type LevelLimits } from './level-alarms';

const limits: LevelLimits = { highHighMm: 2400, highMm: 2200, lowMm: 400, lowLowMm: 200, deadbandMm: 20 };
const run = (levels: number[]) => {
  let active = new Set<string>();
  return levels.map((level) => (active = activeLevelAlarms(level, limits, active)));
};

describe('level alarms with hysteresis', () => {
  it('raises H then HH as the level rises, LL and L as it falls', () => {
    const [normal, high, highHigh] = run([1500, 2200, 2400]);
    expect([...normal!]).toEqual([]);
    expect([...high!]).toEqual(['LEVEL_H']);
    expect([...highHigh!].sort()).toEqual(['LEVEL_H', 'LEVEL_HH']);
    expect([...activeLevelAlarms(150, limits, new Set())].sort()).toEqual(['LEVEL_L', 'LEVEL_LL']);
  });

  it('does not flap while the level hovers inside the deadband', () => {
    const states = run([2405, 2395, 2401, 2390, 2381, 2379]);
    expect(states.map((s) => s.has('LEVEL_HH'))).toEqual([true, true, true, true, true, false]);
  });

  it('clears a low alarm only past limit + deadband', () => {
    const states = run([390, 410, 419, 421]);
    expect(states.map((s) => s.has('LEVEL_L'))).toEqual([true, true, true, false]);
  });

  it('ignores limits that are not set', () => {
    const none: LevelLimits = { highHighMm: null, highMm: null, lowMm: null, lowLowMm: null, deadbandMm: 10 };
    expect(activeLevelAlarms(99_999, none, new Set()).size).toBe(0);
  });

  it('holds overfill until the fill is a point below the maximum', () => {
    expect(overfillActive(85.5, 85, false)).toBe(true);
    expect(overfillActive(84.5, 85, true)).toBe(true);
    expect(overfillActive(83.9, 85, true)).toBe(false);
    expect(overfillActive(84.5, 85, false)).toBe(false);
  });
});
