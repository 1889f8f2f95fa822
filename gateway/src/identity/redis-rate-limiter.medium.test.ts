import { createServer, connect as connectTcp, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@hearth/platform';
import { RedisLink } from '@hearth/platform/redis';
import { onServer } from '@hearth/testkit/test-database';
import { testRedisPrefix, testRedisUrl } from '@hearth/testkit/test-redis';
import { RedisRateLimiter, RedisUnavailableError } from './redis-rate-limiter';
import { SharedRateLimiter } from './shared-rate-limiter';

const logger = createLogger('redis-rate-limiter-test', 'silent');

/** A TCP relay to the test Redis that can stop passing answers back: a server that hangs without closing. */
async function freezableRelay(): Promise<{ url: string; freeze(): void; close(): void }> {
  const target = new URL(testRedisUrl!);
  let frozen = false;
  const server = createServer((client) => {
    const upstream = connectTcp(Number(target.port), target.hostname);
    client.pipe(upstream);
    upstream.on('data', (chunk: Buffer) => frozen || client.write(chunk));
    const end = () => (client.destroy(), upstream.destroy());
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `redis://127.0.0.1:${(server.address() as AddressInfo).port}`,
    freeze: () => (frozen = true),
    close: () => server.close(),
  };
}
// Two links with one prefix: two gateway instances of one deployment.
let a: RedisLink;
let b: RedisLink;

describe.runIf(onServer && testRedisUrl)('RedisRateLimiter (server mode, TEST_REDIS_URL)', () => {
  beforeAll(async () => {
    const prefix = testRedisPrefix();
    a = await RedisLink.connect(testRedisUrl!, { logger, prefix });
    b = await RedisLink.connect(testRedisUrl!, { logger, prefix });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('is one bucket for every instance: the rate across both, then RATE_LIMITED with the wait for one token', async () => {
    const [onA, onB] = [new RedisRateLimiter(a, 'api-key'), new RedisRateLimiter(b, 'api-key')];
    const answers = [await onA.take('key-1', 3), await onB.take('key-1', 3), await onA.take('key-1', 3), await onB.take('key-1', 3)];
    expect(answers.map((d) => [d.allowed, d.remaining])).toEqual([
      [true, 2],
      [true, 1],
      [true, 0],
      [false, 0],
    ]);
    expect(answers[3]).toMatchObject({ limit: 3, retryAfterSeconds: 20, resetSeconds: 60 });
    // Another limit with the same id is another bucket.
    expect((await new RedisRateLimiter(b, 'login-address').take('key-1', 3)).allowed).toBe(true);
  });

  it('lets exactly the rate through when instances take at the same moment', async () => {
    const limiters = [new RedisRateLimiter(a, 'api-key'), new RedisRateLimiter(b, 'api-key')];
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => limiters[i % 2]!.take('key-2', 10)));
    expect(answers.filter((d) => d.allowed)).toHaveLength(10);
  });

  it('peeks without taking, refunds a token, and forgets a bucket once it is full again', async () => {
    const limiter = new RedisRateLimiter(a, 'login-email');
    await limiter.take('pat', 2);
    expect(await limiter.peek('pat', 2)).toMatchObject({ allowed: true, remaining: 1 });
    expect(await limiter.peek('pat', 2)).toMatchObject({ remaining: 1 });
    const pttl = await a.client.pttl(a.key('rate:login-email:pat'));
    expect(pttl).toBeGreaterThan(29_000);
    expect(pttl).toBeLessThanOrEqual(30_000);
    await limiter.refund('pat', 2);
    expect(await a.client.exists(a.key('rate:login-email:pat'))).toBe(0);
  });

  it('loads its script again when the server has forgotten it', async () => {
    await a.client.script('FLUSH');
    expect((await new RedisRateLimiter(a, 'api-key').take('key-3', 5)).remaining).toBe(4);
  });

  it('fails at once when its connection is down, and SharedRateLimiter then limits on this instance', async () => {
    const gone = await RedisLink.connect(testRedisUrl!, { logger, prefix: testRedisPrefix() });
    await gone.close();
    const started = Date.now();
    await expect(new RedisRateLimiter(gone, 'api-key').take('key-4', 1)).rejects.toBeInstanceOf(RedisUnavailableError);
    expect(Date.now() - started).toBeLessThan(50);
    const shared = new SharedRateLimiter(new RedisRateLimiter(gone, 'api-key'), 'api-key', logger);
    expect((await shared.take('key-4', 1)).allowed).toBe(true);
    expect((await shared.take('key-4', 1)).allowed).toBe(false);
  });

  it('gives up on a Redis that stops answering after its timeout, and SharedRateLimiter answers locally meanwhile', async () => {
    const relay = await freezableRelay();
    const hung = await RedisLink.connect(relay.url, { logger, prefix: testRedisPrefix() });
    try {
      const shared = new SharedRateLimiter(new RedisRateLimiter(hung, 'api-key', 200), 'api-key', logger);
      expect((await shared.take('key-5', 5)).remaining).toBe(4);
      relay.freeze();
      const started = Date.now();
      // A fresh local bucket: the shared one's count is not known here.
      expect((await shared.take('key-5', 5)).remaining).toBe(4);
      expect(Date.now() - started).toBeGreaterThanOrEqual(190);
      expect(Date.now() - started).toBeLessThan(1_000);
      // Redis is left alone for a while: the next check does not wait again.
      const next = Date.now();
      expect((await shared.take('key-5', 5)).remaining).toBe(3);
      expect(Date.now() - next).toBeLessThan(50);
    } finally {
      hung.client.disconnect();
      relay.close();
    }
  });
});
