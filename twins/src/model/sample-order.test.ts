import { describe, expect, it } from 'vitest';
import { isDuplicate, type SampleCursor } from './sample-order';

const t = (s: number) => new Date(Date.UTC(2026, 10, 21, 8, 0, s));
const twin = (over: Partial<SampleCursor>): SampleCursor => ({ lastSeq: null, lastBoot: null, reportedAt: t(30), ...over });
const sample = (over: { seq?: number; boot?: number; ts?: Date; tsGiven?: boolean }) => ({ ts: t(40), tsGiven: false, values: { levelMm: 1 }, ...over });

describe('redeliveries (isDuplicate)', () => {
  it('drops a seq at or below the last one of the same boot, keeps a higher one', () => {
    const stored = twin({ lastSeq: 17, lastBoot: 2 });
    expect(isDuplicate(stored, sample({ seq: 17, boot: 2 }))).toBe(true);
    expect(isDuplicate(stored, sample({ seq: 3, boot: 2 }))).toBe(true);
    expect(isDuplicate(stored, sample({ seq: 18, boot: 2 }))).toBe(false);
  });

  it('keeps the readings of a device without a clock after it rebooted: a higher boot starts its seq again', () => {
    const stored = twin({ lastSeq: 5000, lastBoot: 2 });
    expect(isDuplicate(stored, sample({ seq: 1, boot: 3 }))).toBe(false);
    // A redelivery from before the restart is not new.
    expect(isDuplicate(stored, sample({ seq: 4999, boot: 1 }))).toBe(true);
  });

  it('takes the first boot-tagged reading after untagged ones as new', () => {
    expect(isDuplicate(twin({ lastSeq: 5000, lastBoot: null }), sample({ seq: 1, boot: 0 }))).toBe(false);
  });

  it('without boot, still keeps a restarted seq whose device clock shows a newer time', () => {
    const stored = twin({ lastSeq: 5000 });
    expect(isDuplicate(stored, sample({ seq: 1, ts: t(40), tsGiven: true }))).toBe(false);
    expect(isDuplicate(stored, sample({ seq: 1, ts: t(20), tsGiven: true }))).toBe(true);
    expect(isDuplicate(stored, sample({ seq: 1 }))).toBe(true);
  });
});
