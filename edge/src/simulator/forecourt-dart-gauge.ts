import { join } from 'node:path';
import type { Logger } from 'pino';
import { DiskJournal } from '../bridge/journal/disk-journal';
import { SeqStore } from '../bridge/journal/seq-store';
import { encodeRecord } from '../bridge/telemetry-record';
import { createMockNullModem, mockNullModemBinding } from '../serial/mock-null-modem';
import { settings8N1 } from '../serial/open-serial-port';
import type { SimulatedFuelPump } from './forecourt';
import { volumeAt, type GaugePace, type SimulatedFuelTank } from './forecourt-gauge';
import { ForecourtGauges } from './forecourt-gauges';
import type { DartPumpSimulator } from './serial/dart-pump-simulator';
import { TlsConsoleSimulator } from './serial/tls-console-simulator';

export interface DartGaugeOptions {
  tanks: SimulatedFuelTank[];
  pumps: SimulatedFuelPump[];
  /** The station's directory: the tanks' state beside the totalisers, the bridge's journal under `bridge/`. */
  dir: string;
  /** How often the bridge polls the console (default 15 s). */
  pollIntervalMs?: number;
  pace?: Partial<GaugePace>;
  logger?: Logger;
}

/**
 * The station's automatic tank gauge as a site wires it: a Veeder-Root TLS console on an RS-232 line
 * of its own (an in-process null modem here), metric units, tank numbers 1… in the order of the
 * station's tanks, polled by the bridge's veeder-root-tls driver like any site file's device. The
 * console measures when asked: each i201 answer debits the tanks with what the DART pumps'
 * totalisers moved since, so the bridge's readings fall by the litres the pumps delivered.
 */
export class DartGauge {
  private constructor(
    readonly gauges: ForecourtGauges,
    readonly console: TlsConsoleSimulator,
    /** The bridge's port and device for the console, as a site file lists them. */
    readonly site: { port: { path: string; baudRate: number }; device: Record<string, unknown> },
  ) {}

  static async start(options: DartGaugeOptions, pumps: Map<string, DartPumpSimulator>): Promise<DartGauge> {
    const gauges = new ForecourtGauges({ ...options, stateFile: join(options.dir, 'tanks.json'), logger: options.logger });
    const totals = (pumpId: string, nozzle: number) => (pumps.get(pumpId)?.dispenser.totalCl(nozzle) ?? 0) / 100;
    gauges.follow(totals);
    const line = createMockNullModem();
    const console = await TlsConsoleSimulator.start({
      line: settings8N1(line.paths[1]),
      binding: mockNullModemBinding,
      units: { length: 'mm', temperature: 'C' },
      tanks: [],
      measure: (now) => {
        gauges.follow(totals);
        return gauges.read(now.getTime()).map((r, i) => ({
          tank: i + 1,
          heightMm: r.levelMm,
          waterMm: 0,
          temperatureC: r.temperatureC,
          // The console's own volume from its own table (the bridge leaves it out: Hearth straps the level itself).
          volumeL: volumeAt(options.tanks[i]!.points, r.levelMm),
        }));
      },
    });
    const device = {
      driver: 'veeder-root-tls',
      port: 'tls',
      tanks: Object.fromEntries(options.tanks.map((t, i) => [String(i + 1), t.id])),
      units: { length: 'mm', temperature: 'C' },
      pollIntervalMs: options.pollIntervalMs ?? 15_000,
    };
    if (gauges.fresh) journalHistory(join(options.dir, 'bridge'), gauges, options.logger);
    return new DartGauge(gauges, console, { port: { path: line.paths[0], baudRate: 9600 }, device });
  }

  async stop(): Promise<void> {
    this.gauges.save();
    await this.console.stop();
  }
}

/**
 * A fresh demo's console history, handed to the bridge's journal before the bridge opens it (as if
 * it had polled those readings): the day's wet-stock report needs a reading before midnight to open
 * with, and the TLS's i201 only tells the present.
 */
function journalHistory(bufferDir: string, gauges: ForecourtGauges, logger?: Logger): void {
  const journal = DiskJournal.open({ dir: join(bufferDir, 'journal'), maxBytes: 64 * 1024 * 1024, segmentBytes: 1024 * 1024, fsync: 'never', logger });
  const seqs = SeqStore.open(join(bufferDir, 'seq.json'));
  for (const { tankId, ts, levelMm, temperatureC } of gauges.history(Date.now()))
    journal.append(encodeRecord({ kind: 'tank', deviceId: tankId, payload: JSON.stringify({ ts, seq: seqs.next(tankId), levelMm, temperatureC }) }));
  journal.close();
}
