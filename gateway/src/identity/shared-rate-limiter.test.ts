import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '@hearth/platform';
import { gatewayMetrics } from '../gateway-metrics';
import { LocalRateLimiter, type RateLimiter } from './rate-limiter';
import { createRateLimiter, SharedRateLimiter } from './shared-rate-limiter';

/** Stands in for Redis: the real buckets of another process, or a failure when `down`. */
class FlakyShared implements RateLimiter {
  down = false;
  calls = 0;
  private readonly buckets = new LocalRateLimiter();
  take = (id: string, rate: number) => this.answer(() => this.buckets.take(id, rate));
  peek = (id: string, rate: number) => this.answer(() => this.buckets.peek(id, rate));
  refund = (id: string, rate: number) => this.answer(() => this.buckets.refund(id, rate));
  private async answer<T>(fn: () => T): Promise<T> {
    this.calls++;
    if (this.down) throw new Error('connect ECONNREFUSED');
    return fn();
  }
}

const localChecks = async () => (await gatewayMetrics.rateLimitLocalChecks.get()).values.find((v) => v.labels.limiter === 'test')?.value ?? 0;

afterEach(() => vi.useRealTimers());

describe('SharedRateLimiter', () => {
  it('without Redis is the local limiter itself, unchanged', () => {
    expect(createRateLimiter('api-key', undefined, createLogger('test', 'silent'))).toBeInstanceOf(LocalRateLimiter);
  });

  it('while Redis is unreachable limits on this instance at the full rate, counts and logs it once, and asks Redis again a second later', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const shared = new FlakyShared();
    const logger = createLogger('test', 'silent');
    const warn = vi.spyOn(logger, 'warn');
    const limiter = new SharedRateLimiter(shared, 'test', logger);
    expect((await limiter.take('k', 2)).remaining).toBe(1);

    shared.down = true;
    const before = await localChecks();
    // Neither open nor closed: the local bucket allows the rate and refuses the next.
    expect((await limiter.take('k', 2)).allowed).toBe(true);
    expect((await limiter.take('k', 2)).allowed).toBe(true);
    expect((await limiter.take('k', 2)).allowed).toBe(false);
    expect(shared.calls).toBe(2); // one failure, then Redis is left alone
    expect(await localChecks()).toBe(before + 3);
    expect(warn).toHaveBeenCalledTimes(1);

    shared.down = false;
    vi.advanceTimersByTime(1_000);
    // Back on the shared bucket, which still holds what the first take left.
    expect(await limiter.take('k', 2)).toMatchObject({ allowed: true, remaining: 0 });
    expect(shared.calls).toBe(3);
  });
});
