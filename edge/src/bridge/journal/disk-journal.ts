import {
  closeSync,
  fdatasyncSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  truncateSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '@hearth/platform';
import { decodeFrames, encodeFrame, scanFrames } from './record-frame';

/**
 * When appended records reach the disk itself, not just the OS cache (a process crash loses nothing
 * either way; these differ on power loss): `always` fdatasyncs every append, `interval` at most every
 * `fsyncIntervalMs` (a power cut loses at most that window), `never` leaves it to the OS.
 */
export type FsyncPolicy = 'always' | 'interval' | 'never';

export interface DiskJournalOptions {
  dir: string;
  /** Bound on all segment files; when an append would pass it, the oldest segment is dropped. */
  maxBytes: number;
  segmentBytes: number;
  fsync: FsyncPolicy;
  fsyncIntervalMs?: number;
  /** The ack offset is written at most this often: lagging only resends samples the server drops by seq. */
  ackPersistIntervalMs?: number;
  logger?: Logger;
  onDrop?: (dropped: { count: number; first: number; last: number }) => void;
}

export interface JournalRecord {
  index: number;
  data: Buffer;
}

interface Segment {
  first: number;
  offsets: number[];
  bytes: number;
  path: string;
}

const segmentName = (first: number) => `${String(first).padStart(20, '0')}.seg`;
const segmentPattern = /^(\d{20})\.seg$/;

/**
 * An append-only journal of records numbered 1, 2, 3… in segment files named by their first number,
 * plus an ack offset (the first record not yet acknowledged). Records are read back in order from the
 * offset; acknowledged segments are deleted whole. Synchronous on purpose: an append has reached the
 * OS before the reading it holds is published.
 */
export class DiskJournal {
  private activeFd: number | null = null;
  private readonly ackedAhead = new Set<number>();
  private syncPending = false;
  private ackPending = false;
  private readonly timers: NodeJS.Timeout[] = [];

  private constructor(
    private readonly options: DiskJournalOptions,
    private readonly segments: Segment[],
    private firstUnacked: number,
    private next: number,
    private bytes: number,
  ) {
    const every = (ms: number, fn: () => void) => this.timers.push(setInterval(fn, ms).unref());
    if (options.fsync === 'interval') every(options.fsyncIntervalMs ?? 1_000, () => this.syncIfPending());
    every(options.ackPersistIntervalMs ?? 1_000, () => this.persistAckIfPending());
  }

  static open(options: DiskJournalOptions): DiskJournal {
    mkdirSync(options.dir, { recursive: true });
    const segments: Segment[] = [];
    for (const name of readdirSync(options.dir).sort()) {
      const match = segmentPattern.exec(name);
      if (!match) continue;
      const path = join(options.dir, name);
      const scan = scanFrames(readFileSync(path));
      if (scan.problem) {
        // A torn tail (power cut mid-append) or a corrupt block: keep the whole records before it.
        options.logger?.warn({ segment: name, problem: scan.problem, keptRecords: scan.offsets.length }, 'journal segment cut at its first damaged record');
        truncateSync(path, scan.validBytes);
      }
      if (scan.offsets.length === 0) unlinkSync(path);
      else segments.push({ first: Number(match[1]), offsets: scan.offsets, bytes: scan.validBytes, path });
    }
    const ackOffset = readAckOffset(options.dir);
    const last = segments.at(-1);
    const next = last ? last.first + last.offsets.length : Math.max(ackOffset, 1);
    const firstUnacked = Math.min(Math.max(ackOffset, segments[0]?.first ?? next), next);
    const journal = new DiskJournal(options, segments, firstUnacked, next, 0);
    journal.bytes = segments.reduce((sum, s) => sum + s.bytes, 0);
    journal.releaseAcked(true);
    return journal;
  }

  /** Number of the next record appended. */
  get nextIndex(): number {
    return this.next;
  }

  /** The ack offset: every record before it is acknowledged or dropped. */
  get firstUnackedIndex(): number {
    return this.firstUnacked;
  }

  /** Records written and neither acknowledged nor dropped. */
  get pendingCount(): number {
    const held = this.segments.reduce((n, s) => n + Math.max(0, s.first + s.offsets.length - Math.max(s.first, this.firstUnacked)), 0);
    return held - this.ackedAhead.size;
  }

  get sizeBytes(): number {
    return this.bytes;
  }

  append(data: Buffer): number {
    const frame = encodeFrame(data);
    const active = this.segments.at(-1);
    // A segment takes at least one record, however large, so an oversized record cannot roll forever.
    const fits = this.activeFd !== null && active !== undefined && (active.offsets.length === 0 || active.bytes + frame.length <= this.options.segmentBytes);
    if (!fits) this.roll(frame.length);
    while (this.bytes + frame.length > this.options.maxBytes && this.segments.length > 1) this.dropOldest();
    const segment = this.segments.at(-1)!;
    for (let written = 0; written < frame.length;) written += writeSync(this.activeFd!, frame, written);
    segment.offsets.push(segment.bytes);
    segment.bytes += frame.length;
    this.bytes += frame.length;
    if (this.options.fsync === 'always') fdatasyncSync(this.activeFd!);
    else this.syncPending = true;
    return this.next++;
  }

  /** Up to `max` unacknowledged records from `from` on (or from the ack offset, if later), in order. */
  read(from: number, max: number): JournalRecord[] {
    const records: JournalRecord[] = [];
    let index = Math.max(from, this.firstUnacked);
    for (const segment of this.segments) {
      const end = segment.first + segment.offsets.length;
      if (index >= end) continue;
      index = Math.max(index, segment.first);
      const take = Math.min(end - index, max - records.length);
      const startByte = segment.offsets[index - segment.first]!;
      const endByte = segment.offsets[index - segment.first + take] ?? segment.bytes;
      decodeFrames(readRange(segment.path, startByte, endByte)).forEach((data, i) => records.push({ index: index + i, data }));
      index += take;
      if (records.length >= max) break;
    }
    return records;
  }

  /** Marks one record acknowledged; the offset moves over every contiguous acknowledged record. */
  ack(index: number): void {
    if (index < this.firstUnacked || index >= this.next) return;
    this.ackedAhead.add(index);
    while (this.ackedAhead.delete(this.firstUnacked)) this.firstUnacked++;
    this.ackPending = true;
    this.releaseAcked(false);
  }

  close(): void {
    for (const timer of this.timers) clearInterval(timer);
    if (this.activeFd !== null) {
      if (this.options.fsync !== 'never') fdatasyncSync(this.activeFd);
      closeSync(this.activeFd);
      this.activeFd = null;
    }
    this.persistAck();
  }

  private roll(frameBytes: number): void {
    if (this.activeFd !== null) {
      if (this.options.fsync !== 'never') fdatasyncSync(this.activeFd);
      closeSync(this.activeFd);
      this.activeFd = null;
    }
    const last = this.segments.at(-1);
    // After a restart the last segment takes appends again while it has room.
    if (last && last.first + last.offsets.length === this.next && last.bytes + frameBytes <= this.options.segmentBytes) {
      this.activeFd = openSync(last.path, 'a');
      return;
    }
    const path = join(this.options.dir, segmentName(this.next));
    this.activeFd = openSync(path, 'a');
    this.segments.push({ first: this.next, offsets: [], bytes: 0, path });
    if (this.options.fsync !== 'never') syncDirectory(this.options.dir); // the new file's name must survive a power cut too
  }

  /** The full policy: the oldest segment goes, acknowledged or not; what was unacknowledged is counted and reported. */
  private dropOldest(): void {
    const segment = this.segments.shift()!;
    const end = segment.first + segment.offsets.length;
    const lostFrom = Math.max(this.firstUnacked, segment.first);
    const lost = Math.max(0, end - lostFrom) - [...this.ackedAhead].filter((i) => i >= lostFrom && i < end).length;
    for (const i of this.ackedAhead) if (i < end) this.ackedAhead.delete(i);
    this.firstUnacked = Math.max(this.firstUnacked, end);
    while (this.ackedAhead.delete(this.firstUnacked)) this.firstUnacked++;
    unlinkSync(segment.path);
    this.bytes -= segment.bytes;
    this.ackPending = true;
    if (lost > 0) {
      this.options.logger?.warn(
        { dropped: lost, first: lostFrom, last: end - 1, maxBytes: this.options.maxBytes },
        'buffer full: dropped the oldest unacknowledged readings',
      );
      this.options.onDrop?.({ count: lost, first: lostFrom, last: end - 1 });
    }
  }

  /** Deletes segments every record of which is acknowledged (the active one only when nothing is open). */
  private releaseAcked(includingLast: boolean): void {
    while (this.segments.length > (includingLast ? 0 : 1)) {
      const oldest = this.segments[0]!;
      if (oldest.first + oldest.offsets.length > this.firstUnacked) break;
      unlinkSync(oldest.path);
      this.bytes -= oldest.bytes;
      this.segments.shift();
    }
  }

  private syncIfPending(): void {
    if (!this.syncPending || this.activeFd === null) return;
    this.syncPending = false;
    fdatasyncSync(this.activeFd);
  }

  private persistAckIfPending(): void {
    if (this.ackPending) this.persistAck();
  }

  private persistAck(): void {
    this.ackPending = false;
    const file = join(this.options.dir, 'ack');
    // Written beside and renamed over: a reader sees the old offset or the new one, never half of one.
    writeFileSync(`${file}.tmp`, `${this.firstUnacked}\n`);
    renameSync(`${file}.tmp`, file);
  }
}

function readAckOffset(dir: string): number {
  try {
    const value = Number(readFileSync(join(dir, 'ack'), 'utf8').trim());
    return Number.isSafeInteger(value) && value > 0 ? value : 0;
  } catch {
    return 0;
  }
}

function readRange(path: string, start: number, end: number): Buffer {
  const buffer = Buffer.allocUnsafe(end - start);
  const fd = openSync(path, 'r');
  try {
    for (let got = 0; got < buffer.length;) {
      const n = readSync(fd, buffer, got, buffer.length - got, start + got);
      if (n === 0) throw new Error(`journal segment ${path} ended at ${start + got}, expected ${end}`);
      got += n;
    }
  } finally {
    closeSync(fd);
  }
  return buffer;
}

function syncDirectory(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
