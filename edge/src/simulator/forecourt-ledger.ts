import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** What a pump keeps in its non-volatile memory: its last transaction counter and each nozzle's volume totaliser. */
export interface PumpMemory {
  counter: number;
  /** Nozzle number → millilitres delivered since the pump was built. */
  totalizersMl: Record<string, number>;
}

interface LedgerFile {
  pumps: Record<string, PumpMemory>;
  /** Grade → fen per litre, as the last SET_PRICES gave it. */
  prices: Record<string, number>;
}

/**
 * The station's pumps' memory, kept in a small JSON file so a restarted demo goes on where it
 * stopped: a counter that repeated, or a totaliser that started again from its first reading,
 * would be taken for a duplicate sale or flagged as a totaliser gap. Without a file it lives in
 * memory only (tests). Written whole after every change (a few hundred bytes, a sale every few
 * seconds at most), through a rename so a crash never leaves half a file.
 */
export class ForecourtLedger {
  private readonly data: LedgerFile;

  constructor(
    private readonly file: string | undefined,
    defaults: { pumps: Record<string, PumpMemory>; prices: Record<string, number> },
  ) {
    const saved = file ? readLedger(file) : undefined;
    this.data = {
      pumps: { ...structuredClone(defaults.pumps), ...saved?.pumps },
      prices: { ...defaults.prices, ...saved?.prices },
    };
  }

  memory(pumpId: string): PumpMemory {
    const memory = this.data.pumps[pumpId];
    if (!memory) throw new Error(`pump ${pumpId} is not one of this station's`);
    return memory;
  }

  price(grade: string): number | undefined {
    return this.data.prices[grade];
  }

  /** A sale ended: the counter it took and where its nozzle's totaliser now stands. */
  saleReported(pumpId: string, counter: number, nozzle: number, totalizerEndMl: number): void {
    const memory = this.memory(pumpId);
    memory.counter = counter;
    memory.totalizersMl[String(nozzle)] = totalizerEndMl;
    this.save();
  }

  setPrices(prices: Record<string, number>): void {
    Object.assign(this.data.prices, prices);
    this.save();
  }

  private save(): void {
    if (!this.file) return;
    mkdirSync(dirname(this.file), { recursive: true });
    writeFileSync(`${this.file}.tmp`, JSON.stringify(this.data));
    renameSync(`${this.file}.tmp`, this.file);
  }
}

function readLedger(file: string): Partial<LedgerFile> | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Partial<LedgerFile>;
  } catch {
    // No file yet (a fresh data dir); an unreadable one starts afresh too: the demo must start.
    return undefined;
  }
}
