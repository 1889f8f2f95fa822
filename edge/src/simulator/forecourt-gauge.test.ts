import { describe, expect, it } from 'vitest';
import { defaultGaugePace, levelAtVolume, TankGauge, volumeAt, type GaugePace, type SimulatedFuelTank } from './forecourt-gauge';

/** A flat-ended horizontal cylinder of 2.5 m × 6.2 m every 50 mm, as the demo seed straps its fuel tanks. */
function cylinder(diameterMm = 2_500, lengthMm = 6_200, stepMm = 50) {
  const r = diameterMm / 2;
  const points = [];
  for (let h = 0; h <= diameterMm; h += stepMm) {
    const segment = r * r * Math.acos((r - h) / r) - (r - h) * Math.sqrt(2 * r * h - h * h);
    points.push({ levelMm: h, volumeLiters: Math.round((segment * lengthMm) / 1e6) });
  }
  return points;
}

const tank: SimulatedFuelTank = { id: 'tank-92', gradeCode: '92#', points: cylinder() };
const capacity = tank.points.at(-1)!.volumeLiters;
const quiet: GaugePace = { ...defaultGaugePace, noiseMm: 0, leakEveryMs: null };
const gauge = (volumeL: number, pace: Partial<GaugePace> = {}, random = () => 0.5) => new TankGauge(tank, { volumeL }, { ...quiet, ...pace }, random);
/** What Hearth makes of a reading: the strapping table's litres at its level. */
const litres = (g: TankGauge, at: number) => volumeAt(tank.points, g.read(at).levelMm);

describe('the forecourt tank gauge', () => {
  it('levels litres through the strapping table and back', () => {
    expect(capacity).toBeGreaterThan(30_000);
    for (const volume of [0, 146, 1_000, 15_000, 29_000, capacity]) expect(volumeAt(tank.points, levelAtVolume(tank.points, volume))).toBeCloseTo(volume, 6);
    // Half full at half height; litres per mm are most there (about 15 L), fewest near bottom and top.
    expect(levelAtVolume(tank.points, capacity / 2)).toBeCloseTo(1_250, 0);
  });

  it('falls by exactly the litres the nozzles drew (to the 0.01 mm it reports)', () => {
    const g = gauge(18_000);
    expect(litres(g, 0)).toBeCloseTo(18_000, 0);
    g.draw(45.6);
    g.draw(30);
    expect(Math.abs(litres(g, 10_000) - (18_000 - 75.6))).toBeLessThan(0.5);
  });

  it('scatters its readings by the probe noise, never more', () => {
    let seed = 7;
    const random = () => (seed = (seed * 16_807) % 2_147_483_647) / 2_147_483_647;
    const g = gauge(15_000, { noiseMm: 0.5 }, random);
    const levels = Array.from({ length: 200 }, (_, i) => g.read(i * 15_000).levelMm);
    const true_ = levelAtVolume(tank.points, 15_000);
    expect(Math.max(...levels.map((l) => Math.abs(l - true_)))).toBeLessThanOrEqual(0.55);
    expect(new Set(levels).size).toBeGreaterThan(5);
  });

  it('orders a tanker below 25 % and drops whole thousands of litres in steps each over the report’s 50 L', () => {
    const g = gauge(0.24 * capacity, { tankerAfterMs: [60_000, 60_000] });
    const before = litres(g, 0);
    expect(g.state.delivery).toEqual({ startsAt: 60_000, litres: Math.floor((0.85 * capacity - 0.24 * capacity) / 1_000) * 1_000 });
    const ordered = g.state.delivery!.litres;
    const seen = [before];
    for (let at = 15_000; g.state.delivery || at <= 60_000; at += 15_000) seen.push(litres(g, at));
    const rises = seen
      .slice(1)
      .map((v, i) => v - seen[i]!)
      .filter((d) => d > 1);
    expect(rises.length).toBeGreaterThan(5); // several minutes at 1 500 L/min, read every 15 s
    for (const rise of rises) expect(rise).toBeGreaterThan(50);
    expect(seen.at(-1)! - before).toBeCloseTo(ordered, -1);
    expect(seen.at(-1)!).toBeLessThan(0.95 * capacity);
  });

  it('loses a leak’s litres slowly, unsold, then stops', () => {
    const g = gauge(20_000, { leakLitres: [90, 90], leakLitresPerMinute: 1 });
    litres(g, 0);
    expect(g.startLeak()).toBe(true);
    expect(g.startLeak()).toBe(false);
    expect(20_000 - litres(g, 30 * 60_000)).toBeCloseTo(30, 0);
    expect(20_000 - litres(g, 120 * 60_000)).toBeCloseTo(90, 0);
    expect(g.state.leak).toBeUndefined();
    expect(20_000 - litres(g, 180 * 60_000)).toBeCloseTo(90, 0);
  });
});
