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
 * A token bucket per key: `ratePerMinute` operations may come at once (the burst) and the
 * bucket refills evenly over a minute. In memory per gateway instance: with several instances
 * behind a balancer each enforces its share; a shared limit belongs in Redis, not here.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  take(id: string, ratePerMinute: number, now = Date.now()): RateDecision {
    const perMs = ratePerMinute / 60_000;
    const bucket = this.buckets.get(id) ?? { tokens: ratePerMinute, at: now };
    bucket.tokens = Math.min(ratePerMinute, bucket.tokens + (now - bucket.at) * perMs);
    bucket.at = now;
    const allowed = bucket.tokens >= 1;
    if (allowed) bucket.tokens -= 1;
    this.buckets.set(id, bucket);
    return {
      allowed,
      limit: ratePerMinute,
      remaining: Math.floor(bucket.tokens),
      resetSeconds: Math.ceil((ratePerMinute - bucket.tokens) / perMs / 1000),
      retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000)),
    };
  }

  forget(id: string): void {
    this.buckets.delete(id);
  }
}
