import { describe, expect, it } from 'vitest';
import { TokenBuckets } from './token-buckets';

describe('TokenBuckets', () => {
  it('allows a burst, then refills evenly over the period', () => {
    const buckets = new TokenBuckets({ burst: 3, perMs: 3_000 });
    expect([0, 0, 0, 0].map(() => buckets.take('a', 0))).toEqual([true, true, true, false]);
    expect(buckets.take('b', 0)).toBe(true); // keys are independent
    expect(buckets.take('a', 999)).toBe(false);
    expect(buckets.take('a', 1_000)).toBe(true);
  });

  it('takes back a token given back, never beyond the burst', () => {
    const buckets = new TokenBuckets({ burst: 1, perMs: 60_000 });
    expect(buckets.take('a', 0)).toBe(true);
    buckets.giveBack('a', 0);
    buckets.giveBack('a', 0);
    expect([buckets.take('a', 0), buckets.take('a', 0)]).toEqual([true, false]);
  });

  it('forgets the least recently used key beyond its bound, as a full bucket', () => {
    const buckets = new TokenBuckets({ burst: 1, perMs: 60_000 }, 2);
    buckets.take('a', 0);
    buckets.take('b', 0);
    buckets.take('c', 0);
    expect(buckets.take('a', 0)).toBe(true);
    expect(buckets.take('c', 0)).toBe(false);
  });
});
