import { describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { createLogger } from '../logging/logger';
import { TableFollower } from './table-follower';

const logger = createLogger('table-follower-test', 'silent');

/** A follower with no channel and no tables touches nothing of the database. */
const noDatabase = {} as Database;

/** A run that waits until released, counting the runs begun. */
function gatedRun() {
  const state = { runs: 0, release: (): void => undefined };
  const run = async () => {
    state.runs += 1;
    await new Promise<void>((resolve) => (state.release = resolve));
  };
  return { state, run };
}

describe('TableFollower', () => {
  it('runs nothing before start, then once at start to catch up', async () => {
    let runs = 0;
    const follower = new TableFollower({ name: 'test', db: noDatabase, pollMs: 60_000, run: async () => void runs++ });
    await follower.wake();
    expect(runs).toBe(0);
    await follower.start(logger);
    expect(runs).toBe(1);
    await follower.stop();
  });

  it('runs once more after a run under way, however many wake it meanwhile', async () => {
    const { state, run } = gatedRun();
    const follower = new TableFollower({ name: 'test', db: noDatabase, pollMs: 60_000, run });
    const started = follower.start(logger);
    await Promise.resolve();
    const woken = [follower.wake(), follower.wake(), follower.wake()];
    expect(state.runs).toBe(1);
    state.release();
    await started;
    await new Promise((resolve) => setImmediate(resolve));
    expect(state.runs).toBe(2);
    state.release();
    await Promise.all(woken);
    expect(state.runs).toBe(2);
    await follower.stop();
  });

  it('stops once the run in flight is done, and the run a wake queued behind it never begins', async () => {
    const { state, run } = gatedRun();
    const follower = new TableFollower({ name: 'test', db: noDatabase, pollMs: 60_000, run });
    void follower.start(logger);
    await Promise.resolve();
    void follower.wake();
    let stopped = false;
    const stopping = follower.stop().then(() => (stopped = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false);
    state.release();
    await stopping;
    expect(state.runs).toBe(1);
    await follower.wake();
    expect(state.runs).toBe(1);
  });
});
