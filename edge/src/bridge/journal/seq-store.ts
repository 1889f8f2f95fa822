import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

export interface SeqStoreOptions {
  /** Numbers reserved per disk write: a restart skips at most this many, and seq only has to rise. */
  block?: number;
  now?: () => number;
}

/**
 * The per-device `seq` of DESIGN §3: rises with every sample and survives restarts, because the server
 * drops a sample whose seq is not above the last one it stored. Numbers are reserved a block at a time
 * and the reservation is on disk before any number of it is used, so a crash can skip numbers but
 * never hand one out twice.
 */
export class SeqStore {
  private readonly issued = new Map<string, number>();

  private constructor(
    private readonly file: string,
    private readonly reserved: Map<string, number>,
    private readonly options: Required<SeqStoreOptions>,
  ) {
    // After a restart, continue above everything that may have been handed out.
    for (const [device, upTo] of reserved) this.issued.set(device, upTo);
  }

  static open(file: string, options: SeqStoreOptions = {}): SeqStore {
    let reserved = new Map<string, number>();
    try {
      const saved = JSON.parse(readFileSync(file, 'utf8')) as { reservedUpTo?: Record<string, number> };
      reserved = new Map(Object.entries(saved.reservedUpTo ?? {}));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`cannot read the seq file ${file}: ${(err as Error).message}`);
    }
    return new SeqStore(file, reserved, { block: options.block ?? 1_000, now: options.now ?? Date.now });
  }

  next(deviceId: string): number {
    // A device never seen starts at the clock (ms): if this file is ever lost, a fresh start still
    // lands above the old numbers as long as a device sent fewer than 1,000 samples a second.
    const seq = (this.issued.get(deviceId) ?? this.options.now() - 1) + 1;
    if (seq > (this.reserved.get(deviceId) ?? -1)) {
      this.reserved.set(deviceId, seq + this.options.block - 1);
      this.save();
    }
    this.issued.set(deviceId, seq);
    return seq;
  }

  private save(): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const body = JSON.stringify({ reservedUpTo: Object.fromEntries(this.reserved) }, null, 2) + '\n';
    const tmp = `${this.file}.tmp`;
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, body);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.file);
    const dir = openSync(dirname(this.file), 'r');
    try {
      fsyncSync(dir);
    } finally {
      closeSync(dir);
    }
  }
}
