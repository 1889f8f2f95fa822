import { createHash } from 'node:crypto';
import type { RedisLink } from '@hearth/platform/redis';
import { rateDecision, type RateDecision, type RateLimiter } from './rate-limiter';

/**
 * LocalRateLimiter's token bucket, in Lua. Why this algorithm:
 * - A token bucket is what a key's `ratePerMinute` promises (the burst at once, an even refill) and what the
 *   RateLimit headers report; a fixed INCR+PEXPIRE window would let twice the rate through across a window's
 *   edge, and a sliding log would cost a sorted-set entry per operation.
 * - Redis runs a script without interleaving any other command, so instances taking the last token at the same
 *   moment cannot both get it; reading, refilling, taking and writing back is one round trip (EVALSHA).
 * - The clock is the Redis server's (TIME), so instances whose clocks disagree still refill the bucket alike.
 * - The key expires when the bucket would be full again: a full bucket is what a new id gets anyway.
 * KEYS[1] the bucket; ARGV[1] rate per minute; ARGV[2] take | peek | refund. Returns { allowed, tokens left }.
 * Needs Redis 5 or later (TIME before a write in a script).
 */
const SCRIPT = `
local rate = tonumber(ARGV[1])
local time = redis.call('TIME')
local now = time[1] * 1000 + time[2] / 1000
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = rate
if state[1] then tokens = math.min(rate, tonumber(state[1]) + (now - tonumber(state[2])) * rate / 60000) end
local allowed = tokens >= 1
if ARGV[2] == 'take' and allowed then tokens = tokens - 1 end
if ARGV[2] == 'refund' then tokens = math.min(rate, tokens + 1) end
if ARGV[2] ~= 'peek' then
  local fullInMs = math.ceil((rate - tokens) * 60000 / rate)
  if fullInMs > 0 then
    redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
    redis.call('PEXPIRE', KEYS[1], fullInMs)
  else
    redis.call('DEL', KEYS[1])
  end
end
return { allowed and 1 or 0, tostring(tokens) }
`;
const SCRIPT_SHA = createHash('sha1').update(SCRIPT).digest('hex');

/** Redis did not answer a check (not connected, an error, or slower than the timeout). */
export class RedisUnavailableError extends Error {}

/**
 * Buckets every gateway instance shares, in the deployment's Redis (`REDIS_URL`): N instances
 * together allow what one would. Throws RedisUnavailableError at once while the connection is
 * down, and after `timeoutMs` when Redis is slow, so a check never waits on a dead server;
 * SharedRateLimiter decides what happens then.
 */
export class RedisRateLimiter implements RateLimiter {
  constructor(
    private readonly redis: RedisLink,
    /** Which limit (`api-key`, `login-address`, …): buckets of different limits never mix. */
    private readonly name: string,
    private readonly timeoutMs = 250,
  ) {}

  async take(id: string, ratePerMinute: number): Promise<RateDecision> {
    const [allowed, tokens] = await this.run(id, ratePerMinute, 'take');
    return rateDecision(allowed, tokens, ratePerMinute);
  }

  async peek(id: string, ratePerMinute: number): Promise<RateDecision> {
    const [allowed, tokens] = await this.run(id, ratePerMinute, 'peek');
    return rateDecision(allowed, tokens, ratePerMinute);
  }

  async refund(id: string, ratePerMinute: number): Promise<void> {
    await this.run(id, ratePerMinute, 'refund');
  }

  private async run(id: string, ratePerMinute: number, op: 'take' | 'peek' | 'refund'): Promise<[boolean, number]> {
    const { client } = this.redis;
    if (client.status !== 'ready') throw new RedisUnavailableError(`redis is ${client.status}`);
    const args = [1, this.redis.key(`rate:${this.name}:${id}`), ratePerMinute, op] as const;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new RedisUnavailableError(`redis did not answer within ${this.timeoutMs} ms`)), this.timeoutMs);
    });
    try {
      const reply = await Promise.race([
        // A server that restarted has forgotten the script: send it whole once, and its hash again after.
        client.evalsha(SCRIPT_SHA, ...args).catch((err: Error) => (err.message.startsWith('NOSCRIPT') ? client.eval(SCRIPT, ...args) : Promise.reject(err))),
        timeout,
      ]);
      const [allowed, tokens] = reply as [number, string];
      return [allowed === 1, Number(tokens)];
    } catch (err) {
      throw err instanceof RedisUnavailableError ? err : new RedisUnavailableError((err as Error).message, { cause: err });
    } finally {
      clearTimeout(timer);
    }
  }
}
