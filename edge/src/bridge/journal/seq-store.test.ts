import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SeqStore } from './seq-store';

const fileIn = () => join(mkdtempSync(join(tmpdir(), 'seq-')), 'seq.json');

describe('SeqStore', () => {
  it('rises by one per sample, per device, starting at the clock for a new device', () => {
    const seqs = SeqStore.open(fileIn(), { now: () => 1_000_000 });
    expect([seqs.next('tank-a'), seqs.next('tank-a'), seqs.next('tank-b'), seqs.next('tank-a')]).toEqual([1_000_000, 1_000_001, 1_000_000, 1_000_002]);
  });

  it('never hands out a number again after a restart, even without a clean shutdown', () => {
    const file = fileIn();
    const before = SeqStore.open(file, { block: 10, now: () => 500 });
    const issued = Array.from({ length: 25 }, () => before.next('tank-a'));
    // No close: the process is gone. A clock that went backwards must not matter either.
    const after = SeqStore.open(file, { block: 10, now: () => 1 });
    const next = after.next('tank-a');
    expect(next).toBeGreaterThan(Math.max(...issued));
    expect(after.next('tank-a')).toBe(next + 1);
  });

  it('writes the file once per block, not once per sample', () => {
    const file = fileIn();
    const seqs = SeqStore.open(file, { block: 100, now: () => 1 });
    for (let i = 0; i < 50; i++) seqs.next('tank-a');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ reservedUpTo: { 'tank-a': 100 } });
    for (let i = 0; i < 51; i++) seqs.next('tank-a');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ reservedUpTo: { 'tank-a': 200 } });
  });
});
