import { describe, expect, it } from 'vitest';
import { createLogger } from '../logging/logger';
import { freePort } from '../http/free-port';
import { testRedisPrefix, testRedisUrl } from '@hearth/testkit/test-redis';
import { RedisLink } from './redis-link';

const logger = createLogger('redis-link-test', 'silent');

describe.runIf(testRedisUrl)('RedisLink', () => {
  it('refuses at once a server that is not there, and leaves nothing reconnecting', async () => {
    const error = await RedisLink.connect(`redis://127.0.0.1:${await freePort()}`, { logger }).catch((err: unknown) => err);
    expect(error).toMatchObject({ code: 'ECONNREFUSED', message: expect.stringContaining('is not reachable') });
  });

  it('carries binary messages on prefixed channels, apart from other prefixes, and reports a lost subscription as a gap', async () => {
    const prefix = testRedisPrefix();
    const [a, b, other] = await Promise.all([
      RedisLink.connect(testRedisUrl!, { logger, prefix }),
      RedisLink.connect(testRedisUrl!, { logger, prefix }),
      RedisLink.connect(testRedisUrl!, { logger, prefix: testRedisPrefix() }),
    ]);
    try {
      const heard: Buffer[] = [];
      let gaps = 0;
      await b.subscribe(
        'news',
        (m) => heard.push(m),
        () => gaps++,
      );
      await other.publish('news', 'not for b');
      await a.publish('news', Buffer.from([0, 255, 1]));
      await expect.poll(() => heard.length).toBe(1);
      expect([...heard[0]!]).toEqual([0, 255, 1]);
      // The server drops b's subscriber connection: b makes it again and says what it may have missed.
      await a.client.client('KILL', 'TYPE', 'pubsub');
      await expect.poll(() => gaps, { timeout: 5_000 }).toBe(1);
      await a.publish('news', 'again');
      await expect.poll(() => heard.length, { timeout: 5_000 }).toBe(2);
    } finally {
      await Promise.all([a.close(), b.close(), other.close()]);
    }
  });
});
