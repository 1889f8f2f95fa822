/** A rate as an allowance: `burst` at once, refilled evenly to `burst` over `perMs`. */
export interface Rate {
  burst: number;
  perMs: number;
}

/**
 * Token buckets by key (a source address, a connection): `take` spends one token if there is
 * one, `giveBack` returns a token taken for something that turned out not to count. Bounded:
 * beyond `maxKeys` the least recently used bucket is forgotten (a forgotten bucket is a full
 * one, so the bound errs on the side of letting a rare client through, never of refusing one).
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly rate: Rate,
    private readonly maxKeys = 100_000,
  ) {}

  take(key: string, now = Date.now()): boolean {
    const bucket = this.refilled(key, now);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  giveBack(key: string, now = Date.now()): void {
    const bucket = this.refilled(key, now);
    bucket.tokens = Math.min(this.rate.burst, bucket.tokens + 1);
  }

  private refilled(key: string, now: number): { tokens: number; at: number } {
    const previous = this.buckets.get(key);
    const tokens = previous ? Math.min(this.rate.burst, previous.tokens + ((now - previous.at) * this.rate.burst) / this.rate.perMs) : this.rate.burst;
    // Re-inserted so Map order is least recently used first, which is what the bound evicts.
    this.buckets.delete(key);
    const bucket = { tokens, at: now };
    this.buckets.set(key, bucket);
    if (this.buckets.size > this.maxKeys) this.buckets.delete(this.buckets.keys().next().value!);
    return bucket;
  }
}
