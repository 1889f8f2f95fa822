import { describe, expect, it } from 'vitest';
import { Mutex } from './mutex';

describe('the embedded session lock', () => {
  it('lets one caller hold it at a time, first come first served', async () => {
    const lock = new Mutex();
    const order: string[] = [];
    let inside = 0;
    const work = (name: string) =>
      lock.run(async () => {
        inside++;
        expect(inside).toBe(1);
        await new Promise((r) => setTimeout(r, 1));
        order.push(name);
        inside--;
      });
    await Promise.all(['a', 'b', 'c'].map(work));
    expect(order).toEqual(['a', 'b', 'c']);
    expect(lock.locked).toBe(false);
  });

  it('gives the ingest lane every other turn however many requests wait (device data is not queued behind a flood)', async () => {
    const lock = new Mutex();
    const order: string[] = [];
    const release = await lock.acquire();
    const done = [
      ...['r1', 'r2', 'r3', 'r4'].map((name) => lock.run(async () => void order.push(name))),
      ...['i1', 'i2'].map((name) => lock.run(async () => void order.push(name), 'ingest')),
    ];
    release();
    await Promise.all(done);
    expect(order).toEqual(['i1', 'r1', 'i2', 'r2', 'r3', 'r4']);
  });
});
