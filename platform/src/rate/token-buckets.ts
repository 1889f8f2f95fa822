/** A rate as an allowance: `burst` at once, refilled evenly to `burst` over `perMs`. */
export interface Rate {
  burst: number;
  perMs: number;
}

/** A rate of `n` a minute, all of it at once if need be. */
export const perMinute = (n: number): Rate => ({ burst: n, perMs: 60_000 });

interface Bucket {
  tokens: number;
  at: number;
  rate: Rate;
}

const MIN_SWEEP_SIZE = 1_024;

/**
 * Token buckets by key (a source address, a connection, an API key), in this process: `take`
 * spends one token if there is one, `giveBack` returns a token taken for something that turned out
 * not to count. Each call names its rate (a key's own, or the caller's fixed one). Memory follows
 * the keys in use: buckets that have refilled are swept away (a full bucket is what a new key gets
 * anyway; the next sweep waits until the map doubles, so sweeping stays O(1) per take), and beyond
 * `maxKeys` the least recently used bucket is forgotten, which errs on the side of letting a rare
 * caller through, never of refusing one. The broker's per-address limits and the gateway's
 * per-key and login limits (and the Redis version's fallback) all count here.
 */
export class TokenBuckets {
  /** In least recently used order (each take re-inserts its key). */
  private readonly buckets = new Map<string, Bucket>();
  private sweepAt = MIN_SWEEP_SIZE;

  constructor(private readonly maxKeys = 100_000) {}

  /** Spends a token if there is one; `tokens` is what the bucket holds after (fractions included). */
  take(key: string, rate: Rate, now = Date.now()): { allowed: boolean; tokens: number } {
    if (this.buckets.size >= this.sweepAt) this.sweep(now);
    const bucket = this.refilled(key, rate, now);
    const allowed = bucket.tokens >= 1;
    if (allowed) bucket.tokens -= 1;
    return { allowed, tokens: bucket.tokens };
  }

  /** What the bucket holds now, spending nothing. */
  peek(key: string, rate: Rate, now = Date.now()): number {
    const bucket = this.buckets.get(key);
    return bucket ? tokensAt(bucket, rate, now) : rate.burst;
  }

  /** One token back, as if it had not been taken (a bucket no longer kept is full already). */
  giveBack(key: string, rate: Rate): void {
    const bucket = this.buckets.get(key);
    if (bucket) bucket.tokens = Math.min(rate.burst, bucket.tokens + 1);
  }

  forget(key: string): void {
    this.buckets.delete(key);
  }

  get size(): number {
    return this.buckets.size;
  }

  private refilled(key: string, rate: Rate, now: number): Bucket {
    const previous = this.buckets.get(key);
    const bucket: Bucket = { tokens: previous ? tokensAt(previous, rate, now) : rate.burst, at: now, rate };
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    if (this.buckets.size > this.maxKeys) this.buckets.delete(this.buckets.keys().next().value!);
    return bucket;
  }

  private sweep(now: number): void {
    for (const [key, bucket] of this.buckets) if (tokensAt(bucket, bucket.rate, now) >= bucket.rate.burst) this.buckets.delete(key);
    this.sweepAt = Math.max(MIN_SWEEP_SIZE, this.buckets.size * 2);
  }
}

/** A bucket's tokens at `now`: what it held, plus the refill since, up to the burst. */
const tokensAt = (bucket: { tokens: number; at: number }, rate: Rate, now: number) =>
  Math.min(rate.burst, bucket.tokens + ((now - bucket.at) * rate.burst) / rate.perMs);
