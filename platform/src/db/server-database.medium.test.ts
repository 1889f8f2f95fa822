import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitUntil } from '@hearth/testkit/eventually';
import { createTestDatabase, onServer } from '@hearth/testkit/test-database';
import { EmbeddedDatabase } from './embedded-database';
import { ServerDatabase } from './server-database';
import { createDataSource } from './typeorm-data-source';

const NOTIFY = fileURLToPath(new URL('./fixtures/notify-process.ts', import.meta.url));

// What only a server has: a pool of sessions working at once, TimescaleDB's own job scheduler, and
// other processes on the same database. The embedded database has one session in one process.
describe.runIf(onServer)('a TimescaleDB server', () => {
  let db: ServerDatabase;
  let url: string;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ url, drop } = await createTestDatabase());
    db = await ServerDatabase.open(url, 10);
  });
  afterAll(async () => {
    await db?.close();
    await drop?.();
  });

  it('hands back the values the embedded database does (counts and bigints are numbers, numerics exact strings)', async () => {
    const sql = `SELECT count(*) AS n, 3::int8 AS small, 9007199254740993::int8 AS big, ARRAY[1, 2]::int8[] AS ids,
      ARRAY[1.5]::numeric[] AS amounts, 2.50::numeric AS amount, interval '90 minutes' AS every FROM generate_series(1, 2)`;
    const embedded = await EmbeddedDatabase.open({ dataDir: 'memory://', checkpointIntervalMs: 0 });
    try {
      const expected = await embedded.query(sql);
      expect(expected).toEqual([{ n: 2, small: 3, big: 9007199254740993n, ids: [1, 2], amounts: ['1.5'], amount: '2.50', every: '01:30:00' }]);
      expect(await db.query(sql)).toEqual(expected);
      expect(await db.queryArrays(sql)).toEqual(await embedded.queryArrays(sql));
    } finally {
      await embedded.close();
    }
  });

  it('runs transactions at once, each on a session of its own from the pool', async () => {
    const started = Date.now();
    await Promise.all([1, 2, 3, 4].map(() => db.transaction((tx) => tx.query('SELECT pg_sleep(0.5)'))));
    // One session would take 2 s.
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('loses no update when forty transactions read and write the same row at once', async () => {
    await db.exec('CREATE TABLE counter (n int NOT NULL); INSERT INTO counter VALUES (0)');
    await Promise.all(
      Array.from({ length: 40 }, () =>
        db.transaction(async (tx) => {
          const [row] = await tx.query<{ n: number }>('SELECT n FROM counter FOR UPDATE');
          await tx.query('UPDATE counter SET n = $1', [row!.n + 1]);
        }),
      ),
    );
    expect(await db.query('SELECT n FROM counter')).toEqual([{ n: 40 }]);
  });

  it("shows a transaction's writes to other sessions only once it commits", async () => {
    await db.exec('CREATE TABLE note (text text NOT NULL)');
    let seenInside: unknown;
    await db.transaction(async (tx) => {
      await tx.query(`INSERT INTO note VALUES ('draft')`);
      seenInside = await db.query('SELECT count(*)::int AS n FROM note');
    });
    expect(seenInside).toEqual([{ n: 0 }]);
    expect(await db.query('SELECT count(*)::int AS n FROM note')).toEqual([{ n: 1 }]);
  });

  it('lends TypeORM its pool, and still closes once the connections TypeORM used have timed out idle', async () => {
    const own = await ServerDatabase.open(url, 2);
    own.pool.options.idleTimeoutMillis = 50;
    const data = await createDataSource(own, []);
    expect(await data.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await data.destroy();
    const closed = await Promise.race([own.close().then(() => 'closed'), new Promise((resolve) => setTimeout(resolve, 3_000, 'still waiting'))]);
    expect(closed).toBe('closed');
  });

  it('refreshes a continuous aggregate by its policy with TimescaleDB’s own scheduler (no JobScheduler here)', async () => {
    await db.exec(`
      CREATE TABLE reading (device text NOT NULL, at timestamptz NOT NULL, value double precision NOT NULL);
      SELECT create_hypertable('reading', 'at');
      INSERT INTO reading SELECT 'd-1', now() - make_interval(mins => m), m FROM generate_series(5, 15) AS m;`);
    await db.exec(`CREATE MATERIALIZED VIEW reading_1m WITH (timescaledb.continuous, timescaledb.materialized_only = true) AS
      SELECT device, time_bucket('1 minute', at) AS bucket, avg(value) AS value FROM reading GROUP BY device, bucket WITH NO DATA`);
    const [job] = await db.query<{ job: number }>(
      `SELECT add_continuous_aggregate_policy('reading_1m', start_offset => INTERVAL '1 hour', end_offset => INTERVAL '1 minute',
         schedule_interval => INTERVAL '1 second') AS job`,
    );
    expect(await db.query('SELECT count(*)::int AS n FROM reading_1m')).toEqual([{ n: 0 }]);
    await waitUntil(
      'the server refreshed the aggregate',
      async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM reading_1m'))[0]!.n === 11,
      30_000,
    );
    const [stats] = await db.query<{ total_runs: number; last_run_status: string }>(
      'SELECT total_runs::int, last_run_status FROM timescaledb_information.job_stats WHERE job_id = $1',
      [job!.job],
    );
    expect(stats).toMatchObject({ last_run_status: 'Success' });
    expect(stats!.total_runs).toBeGreaterThan(0);
  });

  it('hears a NOTIFY from another process, and listens again after its session is cut, telling what it missed', async () => {
    const heard: string[] = [];
    let gaps = 0;
    await db.listen('hearth_test_changed', (payload) => heard.push(payload), { onGap: () => (gaps += 1) });
    const notifyFrom = (payload: string) =>
      promisify(execFile)(process.execPath, ['--import', 'tsx', NOTIFY, 'hearth_test_changed', payload], { env: { ...process.env, DATABASE_URL: url } });
    await notifyFrom('first');
    await waitUntil('the first notification arrived', () => heard.includes('first'));

    // A server restart, failover or idle-session killer ends the listening session, and every LISTEN with it.
    await db.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'hearth-listener' AND datname = current_database()`);
    await waitUntil('the listener reconnected and reported the gap', () => gaps === 1, 10_000);
    await notifyFrom('second');
    await waitUntil('a notification after the reconnection arrived', () => heard.includes('second'));
    expect(heard).toEqual(['first', 'second']);
  });
});
