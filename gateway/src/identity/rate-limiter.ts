import { perMinute, TokenBuckets } from '@hearth/platform';
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

/**
 * The buckets in memory, per gateway instance (platform's TokenBuckets, a rate of `ratePerMinute`
 * a minute each): with several instances behind a balancer each would allow the whole rate, so
 * they share RedisRateLimiter's instead when Redis is configured.
 */
export class LocalRateLimiter implements RateLimiter {
  private readonly buckets = new TokenBuckets();

  take(id: string, ratePerMinute: number, now = Date.now()): RateDecision {
    const { allowed, tokens } = this.buckets.take(id, perMinute(ratePerMinute), now);
    return rateDecision(allowed, tokens, ratePerMinute);
  }

  peek(id: string, ratePerMinute: number, now = Date.now()): RateDecision {
    const tokens = this.buckets.peek(id, perMinute(ratePerMinute), now);
    return rateDecision(tokens >= 1, tokens, ratePerMinute);
  }

  refund(id: string, ratePerMinute: number): void {
    this.buckets.giveBack(id, perMinute(ratePerMinute));
  }

  forget(id: string): void {
    this.buckets.forget(id);
  }

  get size(): number {
    return this.buckets.size;
  }
}

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
