import type { Logger } from '@hearth/platform';
import type { RedisLink } from '@hearth/platform/redis';
import { gatewayMetrics } from '../gateway-metrics';
import { LocalRateLimiter, type RateDecision, type RateLimiter } from './rate-limiter';
import { RedisRateLimiter } from './redis-rate-limiter';

/** How long a Redis that failed a check is left alone before it is asked again. */
const RETRY_MS = 1_000;

/**
 * The buckets every instance shares while Redis answers, this instance's own while it does not.
 *
 * Neither open nor closed: when Redis cannot be reached (down, unreachable, slower than the
 * check's timeout) each instance goes on limiting by itself, at the full rate, as a single
 * instance does. A payment partner is not locked out by our Redis blip, and a login flood
 * still meets the throttle on every instance; the price is that N instances together may
 * allow up to N times the rate while Redis is away (and a caller starts that time with a
 * full bucket). The per-email lock-out and the daily quotas live in the database and do not
 * loosen at all. Redis is asked again a second after a failure, so the shared count is back
 * within about a second of Redis. Every check answered locally is counted
 * (`hearth_gateway_rate_limit_local_checks_total{limiter}`); going local and coming back are
 * logged once each.
 */
export class SharedRateLimiter implements RateLimiter {
  private readonly local = new LocalRateLimiter();
  /** While set, checks go to the local buckets without asking Redis. */
  private retryAt = 0;
  private degraded = false;

  constructor(
    private readonly shared: RateLimiter,
    private readonly name: string,
    private readonly logger: Logger,
  ) {}

  take(id: string, ratePerMinute: number): Promise<RateDecision> {
    return this.check((limiter) => limiter.take(id, ratePerMinute));
  }

  peek(id: string, ratePerMinute: number): Promise<RateDecision> {
    return this.check((limiter) => limiter.peek(id, ratePerMinute));
  }

  refund(id: string, ratePerMinute: number): Promise<void> {
    return this.check((limiter) => limiter.refund(id, ratePerMinute));
  }

  private async check<T>(ask: (limiter: RateLimiter) => T | Promise<T>): Promise<T> {
    if (Date.now() >= this.retryAt) {
      try {
        const answer = await ask(this.shared);
        if (this.degraded) this.logger.info({ limiter: this.name }, 'redis answers again: rate limits shared by every instance again');
        this.degraded = false;
        return answer;
      } catch (err) {
        if (!this.degraded)
          this.logger.warn({ limiter: this.name, err: (err as Error).message }, 'redis unreachable: this instance limits by itself until it answers');
        this.degraded = true;
        this.retryAt = Date.now() + RETRY_MS;
      }
    }
    gatewayMetrics.rateLimitLocalChecks.inc({ limiter: this.name });
    return ask(this.local);
  }
}

/** One limit's buckets: shared through Redis when the deployment has one (`REDIS_URL`), else this instance's own. */
export function createRateLimiter(name: string, redis: RedisLink | undefined, logger: Logger): RateLimiter {
  return redis ? new SharedRateLimiter(new RedisRateLimiter(redis, name), name, logger) : new LocalRateLimiter();
}
