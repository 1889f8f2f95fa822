import { describe, expect, it } from 'vitest';
import { createLogger } from '../logging/logger';
import { Periodic } from './periodic';

const logger = createLogger('periodic-test', 'silent');

describe('Periodic.wake', () => {
  it('runs once more after a run under way, however many wake it meanwhile', async () => {
    let runs = 0;
    let release!: () => void;
    const task = new Periodic(
      'test',
      60_000,
      async () => {
        runs++;
        if (runs === 1) await new Promise<void>((resolve) => (release = resolve));
      },
      logger,
    );
    const first = task.run();
    const woken = [task.wake(), task.wake(), task.wake()];
    expect(runs).toBe(1);
    release();
    await Promise.all([first, ...woken]);
    expect(runs).toBe(2);
  });

  it('runs at once when idle', async () => {
    let runs = 0;
    const task = new Periodic('test', 60_000, async () => void runs++, logger);
    await task.wake();
    expect(runs).toBe(1);
  });
});
