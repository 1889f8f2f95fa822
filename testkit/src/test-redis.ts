import { randomBytes } from 'node:crypto';

/**
 * The Redis of the tests of several instances: `TEST_REDIS_URL` (`npm test` starts one with
 * scripts/ensure-redis.sh for its server-mode run). Absent, those tests are skipped.
 */
export const testRedisUrl = process.env.TEST_REDIS_URL;

/** A key prefix of its own for each test (the server is shared by every file of the run). */
export const testRedisPrefix = () => `hearth_test_${process.pid}_${randomBytes(4).toString('hex')}:`;
