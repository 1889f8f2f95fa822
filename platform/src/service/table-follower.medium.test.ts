import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitUntil } from '@hearth/testkit/eventually';
import { openTestDatabase } from '@hearth/testkit/test-database';
import type { Database } from '../db/database';
import { createLogger } from '../logging/logger';
import { TableFollower } from './table-follower';

const logger = createLogger('table-follower-test', 'silent');
/** Never within a test: every run but the first is a notice's. */
const NO_POLL = 3_600_000;

describe('TableFollower on a database', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(() => db?.close());

  it('runs on a NOTIFY of its channel', async () => {
    let runs = 0;
    const follower = new TableFollower({ name: 'test', db, pollMs: NO_POLL, channel: 'hearth_follower_test', run: async () => void runs++ });
    await follower.start(logger);
    expect(runs).toBe(1);
    await db.notify('hearth_follower_test', '');
    await waitUntil('the notice woke a run', () => runs === 2);
    await follower.stop();
    await db.notify('hearth_follower_test', '');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(runs).toBe(2);
  });

  it('wakes on a notice only when its `heard` hook says it is one for it', async () => {
    let runs = 0;
    const heard: string[] = [];
    const follower = new TableFollower({
      name: 'test',
      db,
      pollMs: NO_POLL,
      channel: 'hearth_follower_heard',
      heard: async (payload) => (heard.push(payload), payload === 'mine'),
      run: async () => void runs++,
    });
    await follower.start(logger);
    await db.notify('hearth_follower_heard', 'other');
    await db.notify('hearth_follower_heard', 'mine');
    await waitUntil('the notice for it woke a run', () => runs === 2);
    expect(heard).toEqual(['other', 'mine']);
    await follower.stop();
  });

  it('runs nothing until the tables it reads exist', async () => {
    let runs = 0;
    const follower = new TableFollower({ name: 'test', db, pollMs: NO_POLL, tables: ['public.follower_later'], run: async () => void runs++ });
    await follower.start(logger);
    await follower.wake();
    expect(runs).toBe(0);
    await db.query('CREATE TABLE public.follower_later (id int)');
    await follower.wake();
    expect(runs).toBe(1);
    await follower.stop();
  });
});
