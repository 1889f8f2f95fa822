import { describe, expect, it } from 'vitest';
import { perMinute, TokenBuckets } from './token-buckets';

describe('TokenBuckets', () => {
  const rate = { burst: 3, perMs: 3_000 };

  it('allows a burst, then refills evenly over the period', () => {
    const buckets = new TokenBuckets();
    expect([0, 0, 0, 0].map(() => buckets.take('a', rate, 0).allowed)).toEqual([true, true, true, false]);
    expect(buckets.take('b', rate, 0).allowed).toBe(true); // keys are independent
    expect(buckets.take('a', rate, 999).allowed).toBe(false);
    expect(buckets.take('a', rate, 1_000)).toEqual({ allowed: true, tokens: 0 });
  });

  it('takes back a token given back, never beyond the burst, and peeks without spending', () => {
    const buckets = new TokenBuckets();
    const one = perMinute(1);
    expect(buckets.take('a', one, 0).allowed).toBe(true);
    buckets.giveBack('a', one);
    buckets.giveBack('a', one);
    expect(buckets.peek('a', one, 0)).toBe(1);
    expect([buckets.take('a', one, 0).allowed, buckets.take('a', one, 0).allowed]).toEqual([true, false]);
    expect(buckets.peek('a', one, 30_000)).toBe(0.5);
  });

  it('forgets the least recently used key beyond its bound, as a full bucket', () => {
    const buckets = new TokenBuckets(2);
    const one = perMinute(1);
    buckets.take('a', one, 0);
    buckets.take('b', one, 0);
    buckets.take('c', one, 0);
    expect(buckets.take('a', one, 0).allowed).toBe(true);
    expect(buckets.take('c', one, 0).allowed).toBe(false);
  });

  it('sweeps refilled buckets, so keys by address or e-mail cannot grow it without bound', () => {
    const buckets = new TokenBuckets();
    for (let i = 0; i < 5_000; i++) buckets.take(`early-${i}`, perMinute(10), 0);
    // A minute later the early buckets are full again: the sweep that the growing map sets off drops them.
    for (let i = 0; i < 5_000; i++) buckets.take(`late-${i}`, perMinute(10), 60_000);
    expect(buckets.size).toBe(5_000);
  });
});
