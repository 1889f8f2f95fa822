import { appendFileSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DiskJournal, type DiskJournalOptions } from './disk-journal';

const open: DiskJournal[] = [];
afterEach(() => {
  for (const j of open.splice(0)) j.close();
});

function journalIn(dir: string, options: Partial<DiskJournalOptions> = {}): DiskJournal {
  const journal = DiskJournal.open({ dir, maxBytes: 1 << 20, segmentBytes: 4096, fsync: 'never', ...options });
  open.push(journal);
  return journal;
}
const newDir = () => mkdtempSync(join(tmpdir(), 'journal-'));
const text = (records: { data: Buffer }[]) => records.map((r) => r.data.toString());
const segmentFiles = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.seg'));
const closeLast = () => open.pop()!.close();

describe('DiskJournal', () => {
  it('reads appended records back in order, from any point, until they are acknowledged', () => {
    const journal = journalIn(newDir());
    const indexes = ['a', 'b', 'c', 'd'].map((s) => journal.append(Buffer.from(s)));
    expect(indexes).toEqual([1, 2, 3, 4]);
    expect(text(journal.read(1, 10))).toEqual(['a', 'b', 'c', 'd']);
    expect(journal.read(3, 1)).toEqual([{ index: 3, data: Buffer.from('c') }]);

    journal.ack(1);
    journal.ack(2);
    expect(journal.firstUnackedIndex).toBe(3);
    expect(text(journal.read(1, 10))).toEqual(['c', 'd']);
    expect(journal.pendingCount).toBe(2);
  });

  it('moves the ack offset only over a contiguous run of acknowledgements', () => {
    const journal = journalIn(newDir());
    for (const s of ['a', 'b', 'c']) journal.append(Buffer.from(s));
    journal.ack(2);
    expect(journal.firstUnackedIndex).toBe(1);
    expect(text(journal.read(1, 10))).toEqual(['a', 'b', 'c']);
    expect(journal.pendingCount).toBe(2);
    journal.ack(1);
    expect(journal.firstUnackedIndex).toBe(3);
  });

  it('after a restart, holds exactly the unacknowledged records, in order, and keeps numbering', () => {
    const dir = newDir();
    const before = journalIn(dir, { segmentBytes: 64 });
    for (let i = 1; i <= 20; i++) before.append(Buffer.from(`sample-${i}`));
    for (let i = 1; i <= 12; i++) before.ack(i);
    closeLast();

    const after = journalIn(dir, { segmentBytes: 64 });
    expect(after.firstUnackedIndex).toBe(13);
    expect(text(after.read(0, 100))).toEqual([13, 14, 15, 16, 17, 18, 19, 20].map((i) => `sample-${i}`));
    expect(after.append(Buffer.from('sample-21'))).toBe(21);
    expect(text(after.read(20, 100))).toEqual(['sample-20', 'sample-21']);
  });

  it('deletes segment files once all their records are acknowledged', () => {
    const dir = newDir();
    const journal = journalIn(dir, { segmentBytes: 64 });
    for (let i = 1; i <= 20; i++) journal.append(Buffer.from(`sample-${i}`));
    const many = segmentFiles(dir).length;
    expect(many).toBeGreaterThan(3);
    for (let i = 1; i <= 20; i++) journal.ack(i);
    expect(segmentFiles(dir)).toHaveLength(1); // the one being appended to
    expect(journal.pendingCount).toBe(0);
  });

  it('keeps the whole records of a segment torn by a power cut and appends after them', () => {
    const dir = newDir();
    const before = journalIn(dir);
    for (const s of ['a', 'b', 'c']) before.append(Buffer.from(s));
    closeLast();
    // Half a record: a length header announcing more bytes than were written.
    appendFileSync(join(dir, segmentFiles(dir)[0]!), Buffer.from([0, 0, 0, 40, 1, 2, 3]));

    const after = journalIn(dir);
    expect(text(after.read(1, 10))).toEqual(['a', 'b', 'c']);
    expect(after.append(Buffer.from('d'))).toBe(4);
    closeLast();
    expect(text(journalIn(dir).read(1, 10))).toEqual(['a', 'b', 'c', 'd']);
  });

  it('when full, drops the oldest segment, counts and reports what was lost, and keeps the newest in order', () => {
    const dir = newDir();
    const drops: { count: number; first: number; last: number }[] = [];
    // Records are 8 + 9 bytes; 3 fit in a 64-byte segment; 256 bytes hold 4 segments.
    const journal = journalIn(dir, { segmentBytes: 64, maxBytes: 256, onDrop: (d) => drops.push(d) });
    for (let i = 1; i <= 30; i++) journal.append(Buffer.from(`sample-${String(i).padStart(2, '0')}`));

    const kept = journal.read(0, 100);
    const lost = drops.reduce((n, d) => n + d.count, 0);
    expect(lost).toBeGreaterThan(0);
    expect(lost + kept.length).toBe(30);
    expect(kept.map((r) => r.index)).toEqual(Array.from({ length: kept.length }, (_, i) => 31 - kept.length + i));
    expect(drops[0]).toEqual({ count: 3, first: 1, last: 3 });
    const onDisk = segmentFiles(dir).reduce((n, f) => n + statSync(join(dir, f)).size, 0);
    expect(onDisk).toBeLessThanOrEqual(256);
    expect(journal.pendingCount).toBe(kept.length);
  });

  it('does not count acknowledged records of a dropped segment as lost', () => {
    const drops: number[] = [];
    const journal = journalIn(newDir(), { segmentBytes: 64, maxBytes: 256, onDrop: (d) => drops.push(d.count) });
    for (let i = 1; i <= 12; i++) journal.append(Buffer.from(`sample-${String(i).padStart(2, '0')}`));
    journal.ack(2); // 1 is still in flight, so segment 1-3 stays
    for (let i = 13; i <= 16; i++) journal.append(Buffer.from(`sample-${i}`));
    expect(drops).toEqual([2]);
    expect(journal.firstUnackedIndex).toBe(4);
  });
});
