import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Logger } from 'pino';
import { between } from './forecourt-customers';
import { capacityOf, defaultGaugePace, TankGauge, type GaugePace, type GaugeReading, type SimulatedFuelTank, type TankGaugeState } from './forecourt-gauge';

export interface ForecourtGaugesOptions {
  tanks: SimulatedFuelTank[];
  /** The station's pumps: each nozzle draws from the tank of its grade. */
  pumps: { id: string; nozzles: { number: number; gradeCode: string }[] }[];
  /** Where the tanks' contents are kept across restarts (none: in memory). */
  stateFile?: string;
  pace?: Partial<GaugePace>;
  random?: () => number;
  logger?: Logger;
  now?: number;
}

interface GaugesFile {
  tanks: Record<string, TankGaugeState>;
  /** `pumpId/nozzle` → the nozzle's totaliser (L) the tanks were last debited up to. */
  totals: Record<string, number>;
  nextLeakAt: number;
}

export type TankReadingAt = GaugeReading & { tankId: string; ts: string };

/**
 * A station's automatic tank gauge: its tanks fall by exactly what the nozzles' totalisers say was
 * dispensed (the pumps' own meters, so the wet-stock report's sold litres and measured outflow
 * agree but for the probe's noise and what leaked), are refilled by tankers and now and then lose
 * fuel unsold. Kept in a JSON file beside the pumps' counters: volumes and the totalisers they were
 * debited up to are written together, so a restart debits exactly the sales since.
 */
export class ForecourtGauges {
  /** No saved state: a fresh data dir, whose gauge has no history yet. */
  readonly fresh: boolean;
  private readonly gauges: TankGauge[];
  private readonly data: GaugesFile;
  private readonly tankOf = new Map<string, TankGauge>();
  private readonly pace: GaugePace;
  private readonly random: () => number;

  constructor(private readonly options: ForecourtGaugesOptions) {
    const now = options.now ?? Date.now();
    this.random = options.random ?? Math.random;
    this.pace = { ...defaultGaugePace, ...options.pace };
    const saved = options.stateFile ? readGauges(options.stateFile) : undefined;
    this.fresh = !saved;
    this.data = {
      // A fresh tank starts between 45 % and 75 % full: some way to go before its first delivery.
      tanks: Object.fromEntries(options.tanks.map((t) => [t.id, saved?.tanks[t.id] ?? { volumeL: Math.round(capacityOf(t) * (0.45 + 0.3 * this.random())) }])),
      totals: saved?.totals ?? {},
      nextLeakAt: saved?.nextLeakAt ?? this.nextLeak(now),
    };
    this.gauges = options.tanks.map((t) => new TankGauge(t, this.data.tanks[t.id]!, this.pace, this.random));
    for (const pump of options.pumps)
      for (const n of pump.nozzles) {
        const gauge = this.gauges.find((g) => g.tank.gradeCode === n.gradeCode);
        if (gauge) this.tankOf.set(`${pump.id}/${n.number}`, gauge);
      }
  }

  get tanks(): SimulatedFuelTank[] {
    return this.gauges.map((g) => g.tank);
  }

  /** Debits each tank with what its nozzles dispensed since last time, from their totalisers (L). */
  follow(totalLitres: (pumpId: string, nozzle: number) => number): void {
    for (const [key, gauge] of this.tankOf) {
      const [pumpId, nozzle] = key.split('/') as [string, string];
      const now = totalLitres(pumpId, Number(nozzle));
      const before = this.data.totals[key];
      // First sight of a nozzle (or a totaliser behind the saved one after a crash): a baseline, no fuel moved.
      if (before !== undefined && now > before) gauge.draw(now - before);
      this.data.totals[key] = now;
    }
  }

  /** Every tank read at `now` (a leak starting when one is due), the state saved. */
  read(now: number): TankReadingAt[] {
    if (now >= this.data.nextLeakAt) {
      const gauge = this.gauges[Math.floor(this.random() * this.gauges.length)];
      if (gauge?.startLeak())
        this.options.logger?.info({ tankId: gauge.tank.id, litres: gauge.state.leak?.litres }, 'demo tank losing fuel unsold (a leak or theft)');
      this.data.nextLeakAt = this.nextLeak(now);
    }
    const ts = new Date(now).toISOString();
    const readings = this.gauges.map((g) => ({ tankId: g.tank.id, ts, ...g.read(now) }));
    this.save();
    return readings;
  }

  /**
   * What a gauge that has been in place a while would have logged before a fresh demo began: the
   * tanks at their starting levels (no sale was recorded then) every `everyMs` over `spanMs`. The
   * day's wet-stock report needs a reading before the day's first instant to open with.
   */
  history(now: number, spanMs = 26 * 3_600_000, everyMs = 15 * 60_000): TankReadingAt[] {
    const readings: TankReadingAt[] = [];
    for (let at = now - spanMs; at < now; at += everyMs) {
      const ts = new Date(at).toISOString();
      for (const g of this.gauges) {
        const probe = new TankGauge(g.tank, { volumeL: g.state.volumeL }, this.pace, this.random);
        readings.push({ tankId: g.tank.id, ts, ...probe.read(at) });
      }
    }
    return readings;
  }

  save(): void {
    const file = this.options.stateFile;
    if (!file) return;
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(`${file}.tmp`, JSON.stringify(this.data));
    renameSync(`${file}.tmp`, file);
  }

  private nextLeak(now: number): number {
    return this.pace.leakEveryMs ? now + between(this.pace.leakEveryMs, this.random) : Number.MAX_SAFE_INTEGER;
  }
}

function readGauges(file: string): GaugesFile | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as GaugesFile;
  } catch {
    // No file yet (a fresh data dir); an unreadable one starts afresh too: the demo must start.
    return undefined;
  }
}
