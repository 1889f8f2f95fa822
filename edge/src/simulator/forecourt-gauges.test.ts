import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { volumeAt, type SimulatedFuelTank } from './forecourt-gauge';
import { ForecourtGauges } from './forecourt-gauges';

const points = [
  { levelMm: 0, volumeLiters: 0 },
  { levelMm: 1_000, volumeLiters: 10_000 },
  { levelMm: 2_000, volumeLiters: 20_000 },
];
const tanks: SimulatedFuelTank[] = [
  { id: 'tank-92', gradeCode: '92#', points },
  { id: 'tank-95', gradeCode: '95#', points },
];
const pumps = [
  {
    id: 'p1',
    nozzles: [
      { number: 1, gradeCode: '92#' },
      { number: 2, gradeCode: '95#' },
    ],
  },
  { id: 'p2', nozzles: [{ number: 1, gradeCode: '92#' }] },
];
const pace = { noiseMm: 0, leakEveryMs: null };

function station(stateFile?: string) {
  return new ForecourtGauges({ tanks, pumps, stateFile, pace, random: () => 0.5, now: 0 });
}
const volumes = (g: ForecourtGauges, at: number) => Object.fromEntries(g.read(at).map((r) => [r.tankId, volumeAt(points, r.levelMm)]));

describe("a station's tank gauges", () => {
  it('debit each tank with what the nozzles of its grade dispensed, from their totalisers', () => {
    const totals: Record<string, number> = { 'p1/1': 1_000, 'p1/2': 500, 'p2/1': 2_000 };
    const g = station();
    g.follow((pump, nozzle) => totals[`${pump}/${nozzle}`]!);
    const start = volumes(g, 0);
    totals['p1/1']! += 40;
    totals['p2/1']! += 25.5;
    totals['p1/2']! += 30;
    g.follow((pump, nozzle) => totals[`${pump}/${nozzle}`]!);
    const after = volumes(g, 20_000);
    expect(start['tank-92']! - after['tank-92']!).toBeCloseTo(65.5, 0);
    expect(start['tank-95']! - after['tank-95']!).toBeCloseTo(30, 0);
  });

  it('go on after a restart from what they held, debiting the sales made since', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'gauges-')), 'station-tanks.json');
    const totals: Record<string, number> = { 'p1/1': 1_000, 'p1/2': 500, 'p2/1': 2_000 };
    const first = station(file);
    expect(first.fresh).toBe(true);
    first.follow((pump, nozzle) => totals[`${pump}/${nozzle}`]!);
    const held = volumes(first, 0);
    totals['p1/1']! += 50; // sold after the last reading, before the stop
    const again = station(file);
    expect(again.fresh).toBe(false);
    again.follow((pump, nozzle) => totals[`${pump}/${nozzle}`]!);
    const now = volumes(again, 30_000);
    expect(now['tank-92']).toBeCloseTo(held['tank-92']! - 50, 0);
    expect(now['tank-95']).toBeCloseTo(held['tank-95']!, 0);
  });

  it('log a fresh gauge’s history at the starting levels, across the last midnight', () => {
    const g = station();
    const now = Date.parse('2026-12-07T07:00:00Z');
    const history = g.history(now);
    const start = volumes(g, now);
    expect(history[0]!.ts < '2026-12-06T05:00:00Z').toBe(true);
    for (const r of history) expect(volumeAt(points, r.levelMm)).toBeCloseTo(start[r.tankId]!, 0);
  });
});
