import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The last sale the bridge reported for a pump: enough to recognise it if the pump reports it again. */
export interface ReportedSale {
  counter: number;
  nozzle: number;
  totalizerEndMl: number;
}

interface LedgerFile {
  /** The counter the next TRANSACTION gets. */
  nextCounter: number;
  lastSale?: ReportedSale;
  /** The prices last sent to the pump, by grade (minor units per litre). */
  prices: Record<string, number>;
}

/**
 * What the bridge must remember of a pump across restarts, in `buffer.dir/pumps/<deviceId>.json`:
 * its transaction counter, the last sale reported and the prices sent. Written whole, fsynced and
 * renamed into place (as the seq file is), so a crash leaves the old file or the new one.
 */
export class PumpLedger {
  private constructor(
    private readonly file: string,
    private state: LedgerFile,
  ) {}

  static open(dir: string, deviceId: string): PumpLedger {
    const file = join(dir, `${deviceId}.json`);
    try {
      return new PumpLedger(file, JSON.parse(readFileSync(file, 'utf8')) as LedgerFile);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`cannot read the pump ledger ${file}: ${(err as Error).message}`);
      return new PumpLedger(file, { nextCounter: 1, prices: {} });
    }
  }

  get nextCounter(): number {
    return this.state.nextCounter;
  }

  get lastSale(): ReportedSale | undefined {
    return this.state.lastSale;
  }

  get prices(): Readonly<Record<string, number>> {
    return this.state.prices;
  }

  /** After the sale's TRANSACTION is journaled: the counter moves on only then (see PumpSales.complete). */
  saleReported(sale: ReportedSale): void {
    this.save({ ...this.state, nextCounter: sale.counter + 1, lastSale: sale });
  }

  pricesSent(prices: Record<string, number>): void {
    this.save({ ...this.state, prices: { ...this.state.prices, ...prices } });
  }

  private save(next: LedgerFile): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp`;
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, JSON.stringify(next, null, 2) + '\n');
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.file);
    const dirFd = openSync(dirname(this.file), 'r');
    try {
      fsyncSync(dirFd);
    } finally {
      closeSync(dirFd);
    }
    this.state = next;
  }
}
