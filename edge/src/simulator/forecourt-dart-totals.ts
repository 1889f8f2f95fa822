import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SimulatedFuelPump } from './forecourt';
import type { DartPumpSimulator } from './serial/dart-pump-simulator';

/**
 * The simulated DART pumps' volume totalisers (centilitres), kept across restarts of the demo as
 * a real pump keeps them in its own memory: a pump whose totaliser started again from its first
 * reading would show every later sale as a totaliser gap. Saved once a second while they move.
 */
export class DartTotals {
  private timer?: NodeJS.Timeout;
  private last = '';
  private pumps = new Map<string, DartPumpSimulator>();

  private constructor(
    private readonly file: string,
    private readonly totals: Record<string, Record<string, number>>,
  ) {}

  static open(file: string, pumps: SimulatedFuelPump[]): DartTotals {
    let saved: Record<string, Record<string, number>> = {};
    try {
      saved = JSON.parse(readFileSync(file, 'utf8')) as typeof saved;
    } catch {
      // A fresh data dir: each nozzle starts from a plausible reading of its own.
    }
    const totals = Object.fromEntries(
      pumps.map((p, i) => [
        p.id,
        Object.fromEntries(p.nozzles.map((n) => [String(n.number), saved[p.id]?.[String(n.number)] ?? (900 + i * 131 + n.number * 47) * 100_000])),
      ]),
    );
    return new DartTotals(file, totals);
  }

  of(pumpId: string, nozzle: number): number {
    return this.totals[pumpId]?.[String(nozzle)] ?? 0;
  }

  /** Saves the pumps' totalisers once a second (when they moved). */
  follow(pumps: Map<string, DartPumpSimulator>): this {
    this.pumps = pumps;
    this.timer = setInterval(() => this.save(), 1_000);
    return this;
  }

  stop(): void {
    clearInterval(this.timer);
    this.save();
  }

  private save(): void {
    for (const [id, pump] of this.pumps) for (const n of pump.dispenser.nozzles) (this.totals[id] ??= {})[String(n.nozzle)] = pump.dispenser.totalCl(n.nozzle);
    const json = JSON.stringify(this.totals);
    if (json === this.last) return;
    mkdirSync(dirname(this.file), { recursive: true });
    writeFileSync(`${this.file}.tmp`, json);
    renameSync(`${this.file}.tmp`, this.file);
    this.last = json;
  }
}
