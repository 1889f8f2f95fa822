import { describe, expect, it } from 'vitest';
import { stepLevel, type SimulatedTank } from './tank-scenarios';

const run = (tank: SimulatedTank, seconds: number) => {
  let motion = { levelMm: tank.start * tank.heightMm, phase: 0 };
  const levels: number[] = [];
  for (let t = 0; t < seconds; t++) levels.push((motion = stepLevel(tank, motion, t, 1)).levelMm);
  return levels;
};

describe('tank simulator scenarios', () => {
  it('crosses HH and falls back below it in the overfill scenario', () => {
    const levels = run({ id: 't', scenario: 'overfill', heightMm: 2500, start: 0.8, highHighMm: 2300 }, 400);
    const above = levels.findIndex((l) => l > 2300);
    expect(above).toBeGreaterThan(0);
    expect(levels.slice(above).some((l) => l < 2100)).toBe(true);
  });

  it('loses level steadily in the leak scenario and never goes negative', () => {
    const levels = run({ id: 't', scenario: 'leak', heightMm: 1000, start: 0.001, highHighMm: 900 }, 50);
    expect(levels.at(-1)).toBe(0);
    expect(run({ id: 't', scenario: 'leak', heightMm: 2000, start: 0.5 }, 100).at(-1)).toBeCloseTo(975);
  });

  it('shows a delivery as a fast rise', () => {
    const levels = run({ id: 't', scenario: 'delivery', heightMm: 2500, start: 0.3 }, 120);
    expect(levels[99]! - levels[59]!).toBeGreaterThan(500);
  });
});
