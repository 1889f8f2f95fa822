import { describe, expect, it } from 'vitest';
import { metricsRegistry } from '../http/metrics';
import { DEFAULT_HASHING_LIMITS, HashingBusyError, HashingLimiter, secretHashing } from './hashing-limiter';
import { hashSecret, verifySecret } from './secret-hash';

/** Work that finishes when the test says so. */
function held() {
  let finish: () => void = () => {};
  const done = new Promise<void>((resolve) => (finish = resolve));
  return { work: () => done.then(() => 'done'), finish };
}

const refusedSoFar = async () => (await metricsRegistry.getSingleMetric('hearth_secret_hashing_refused_total')!.get()).values[0]?.value ?? 0;

describe('HashingLimiter', () => {
  it('runs at most `concurrency` at once and starts the waiting ones in order as turns free up', async () => {
    const limiter = new HashingLimiter({ concurrency: 2, queueLimit: 5 });
    const jobs = Array.from({ length: 4 }, () => held());
    const started: number[] = [];
    const results = jobs.map((job, i) =>
      limiter.run(() => {
        started.push(i);
        return job.work();
      }),
    );
    expect(started).toEqual([0, 1]);
    expect([limiter.active, limiter.queued]).toEqual([2, 2]);
    jobs[1]!.finish();
    await results[1];
    expect(started).toEqual([0, 1, 2]);
    jobs.forEach((job) => job.finish());
    expect(await Promise.all(results)).toEqual(['done', 'done', 'done', 'done']);
    expect([limiter.active, limiter.queued]).toEqual([0, 0]);
  });

  it('refuses at once, without running it, the one past the queue limit, and counts it', async () => {
    const limiter = new HashingLimiter({ concurrency: 1, queueLimit: 2 });
    const job = held();
    const accepted = [limiter.run(job.work), limiter.run(job.work), limiter.run(job.work)];
    const before = await refusedSoFar();
    let ran = false;
    await expect(
      limiter.run(() => {
        ran = true;
        return Promise.resolve('ran');
      }),
    ).rejects.toBeInstanceOf(HashingBusyError);
    expect(ran).toBe(false);
    expect(() => limiter.ensureRoom()).toThrow(HashingBusyError);
    expect(await refusedSoFar()).toBe(before + 2);
    job.finish();
    await Promise.all(accepted);
    // Room again once the queue drains.
    expect(() => limiter.ensureRoom()).not.toThrow();
    await expect(limiter.run(() => Promise.resolve('ran'))).resolves.toBe('ran');
  });

  it('frees the turn of work that fails, even synchronously', async () => {
    const limiter = new HashingLimiter({ concurrency: 1, queueLimit: 0 });
    await expect(limiter.run(() => Promise.reject(new Error('scrypt failed')))).rejects.toThrow('scrypt failed');
    await expect(
      limiter.run(() => {
        throw new Error('bad parameters');
      }),
    ).rejects.toThrow('bad parameters');
    await expect(limiter.run(() => Promise.resolve(1))).resolves.toBe(1);
  });

  it('counts what waits by its work: a cheap hash takes its share of the queue, a password hash all of one place', async () => {
    const limiter = new HashingLimiter({ concurrency: 1, queueLimit: 1 });
    let release!: () => void;
    const blocker = limiter.run(() => new Promise<void>((r) => (release = r)));
    const cheap = Array.from({ length: 8 }, () => limiter.run(async () => 'gateway', 1 / 8));
    await expect(limiter.run(async () => 'one more', 1 / 8)).rejects.toBeInstanceOf(HashingBusyError);
    release();
    await blocker;
    expect(await Promise.all(cheap)).toHaveLength(8);
    expect(limiter.queued).toBe(0);
    const second = limiter.run(() => new Promise<void>((r) => (release = r)));
    const password = limiter.run(async () => 'password');
    await expect(limiter.run(async () => 'another', 1 / 8)).rejects.toBeInstanceOf(HashingBusyError);
    release();
    await second;
    expect(await password).toBe('password');
  });

  it('is the turnstile of hashSecret and verifySecret', async () => {
    const hash = await hashSecret('secret');
    // Room to wait for one secret at the default cost: an eighth of a password hash's work.
    secretHashing.configure({ concurrency: 1, queueLimit: 1 / 8 });
    try {
      const running = [verifySecret('secret', hash), verifySecret('wrong', hash)];
      expect([secretHashing.active, secretHashing.queued]).toEqual([1, 1]);
      await expect(verifySecret('secret', hash)).rejects.toBeInstanceOf(HashingBusyError);
      expect(await Promise.all(running)).toEqual([true, false]);
    } finally {
      secretHashing.configure(DEFAULT_HASHING_LIMITS);
    }
  });
});
