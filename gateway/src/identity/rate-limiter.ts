/** What the `RateLimit-*` headers report after one take. */
export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the bucket is full again. */
  resetSeconds: number;
  /** Seconds until one more operation is allowed (0 when allowed). */
  retryAfterSeconds: number;
}

/**
 * A token bucket per id: `ratePerMinute` operations may come at once (the burst) and the bucket
 * refills evenly over a minute. LocalRateLimiter keeps the buckets in this process (one instance);
 * RedisRateLimiter keeps them in Redis for every instance (`REDIS_URL`), SharedRateLimiter falls
 * back from that to this one's own (see shared-rate-limiter.ts). Callers await every answer.
 */
export interface RateLimiter {
  take(id: string, ratePerMinute: number, now?: number): RateDecision | Promise<RateDecision>;
  peek(id: string, ratePerMinute: number, now?: number): RateDecision | Promise<RateDecision>;
  refund(id: string, ratePerMinute: number): void | Promise<void>;
}

const MIN_SWEEP_SIZE = 1_024;

/**
 * The buckets in memory, per gateway instance: with several instances behind a balancer each
 * would allow the whole rate, so they share RedisRateLimiter's instead when Redis is configured.
 * Full buckets are forgotten from time to time (a full bucket is what a new key gets anyway),
 * so callers keyed by address or email cannot grow the map without bound.
 */
export class LocalRateLimiter implements RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number; rate: number }>();
  private sweepAt = MIN_SWEEP_SIZE;

  take(id: string, ratePerMinute: number, now = Date.now()): RateDecision {
    if (this.buckets.size >= this.sweepAt) this.sweep(now);
    const bucket = this.refilled(id, ratePerMinute, now);
    const allowed = bucket.tokens >= 1;
    if (allowed) bucket.tokens -= 1;
    this.buckets.set(id, bucket);
    return rateDecision(allowed, bucket.tokens, ratePerMinute);
  }

  peek(id: string, ratePerMinute: number, now = Date.now()): RateDecision {
    const existing = this.buckets.get(id);
    const tokens = existing ? tokensAt(existing, ratePerMinute, now) : ratePerMinute;
    return rateDecision(tokens >= 1, tokens, ratePerMinute);
  }

  refund(id: string): void {
    const bucket = this.buckets.get(id);
    if (bucket) bucket.tokens = Math.min(bucket.rate, bucket.tokens + 1);
  }

  forget(id: string): void {
    this.buckets.delete(id);
  }

  get size(): number {
    return this.buckets.size;
  }

  private refilled(id: string, ratePerMinute: number, now: number) {
    const bucket = this.buckets.get(id) ?? { tokens: ratePerMinute, at: now, rate: ratePerMinute };
    bucket.tokens = tokensAt(bucket, ratePerMinute, now);
    bucket.at = now;
    bucket.rate = ratePerMinute;
    return bucket;
  }

  /** Drops buckets that have refilled; the next sweep waits until the map doubles, so sweeping stays O(1) per take. */
  private sweep(now: number): void {
    for (const [id, bucket] of this.buckets) if (tokensAt(bucket, bucket.rate, now) >= bucket.rate) this.buckets.delete(id);
    this.sweepAt = Math.max(MIN_SWEEP_SIZE, this.buckets.size * 2);
  }
}

/** A bucket's tokens at `now`: what it held, plus the refill since, up to the burst. */
const tokensAt = (bucket: { tokens: number; at: number }, ratePerMinute: number, now: number) =>
  Math.min(ratePerMinute, bucket.tokens + ((now - bucket.at) * ratePerMinute) / 60_000);

/** The answer for a bucket holding `tokens` after the decision (fractions included); the same for every implementation. */
export function rateDecision(allowed: boolean, tokens: number, ratePerMinute: number): RateDecision {
  const perMs = ratePerMinute / 60_000;
  return {
    allowed,
    limit: ratePerMinute,
    remaining: Math.floor(tokens),
    resetSeconds: Math.ceil((ratePerMinute - tokens) / perMs / 1000),
    retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((1 - tokens) / perMs / 1000)),
  };
}
