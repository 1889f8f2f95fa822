import { describe, expect, it } from 'vitest';
import { createFairScheduler, FairQueue } from './fair-queue';

describe('fair queue', () => {
  it('takes tenants in turns, each in its own order', () => {
    const queue = new FairQueue<string>();
    for (let i = 1; i <= 4; i++) queue.push('noisy', `n${i}`);
    queue.push('quiet', 'q1');
    queue.push('quiet', 'q2');
    const taken = Array.from({ length: queue.size }, () => queue.shift());
    expect(taken).toEqual(['n1', 'q1', 'n2', 'q2', 'n3', 'n4']);
    expect(queue.shift()).toBeUndefined();
  });
});

describe('fair scheduler', () => {
  it("runs a quiet tenant's task next, ahead of a noisy tenant's backlog", async () => {
    const run = createFairScheduler(1);
    const order: string[] = [];
    const task = (name: string) => async () => void order.push(name);
    const done = [...Array.from({ length: 5 }, (_, i) => run('noisy', task(`n${i}`))), run('quiet', task('q'))];
    await Promise.all(done);
    expect(order).toEqual(['n0', 'n1', 'q', 'n2', 'n3', 'n4']);
  });

  it('never runs more than its limit at once and passes failures to their caller', async () => {
    const run = createFairScheduler(2);
    let running = 0;
    let most = 0;
    const task = async () => {
      most = Math.max(most, ++running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
    };
    await Promise.all(Array.from({ length: 10 }, (_, i) => run(`t${i % 3}`, task)));
    expect(most).toBe(2);
    await expect(run('t', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
  });
});
