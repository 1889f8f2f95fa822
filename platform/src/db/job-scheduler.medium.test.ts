import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedDatabase } from './embedded-database';
import { JobScheduler } from './job-scheduler';

describe('the embedded job scheduler', () => {
  let db: EmbeddedDatabase;
  let scheduler: JobScheduler | undefined;
  beforeAll(async () => {
    db = await EmbeddedDatabase.open({ dataDir: 'memory://', checkpointIntervalMs: 0 });
    await db.exec(`CREATE TABLE reading (time timestamptz NOT NULL, v float8);
      SELECT create_hypertable('reading', by_range('time'));
      CREATE MATERIALIZED VIEW reading_1m WITH (timescaledb.continuous, timescaledb.materialized_only = true) AS
        SELECT time_bucket('1 minute', time) AS bucket, avg(v) AS v FROM reading GROUP BY 1 WITH NO DATA;
      SELECT add_continuous_aggregate_policy('reading_1m', start_offset => INTERVAL '1 hour', end_offset => INTERVAL '1 minute', schedule_interval => INTERVAL '1 minute');`);
    await db.query(
      `INSERT INTO reading VALUES (date_trunc('minute', now()) - INTERVAL '10 minutes', 4), (date_trunc('minute', now()) - INTERVAL '10 minutes', 6)`,
    );
  });
  afterAll(async () => {
    await scheduler?.stop();
    await db?.close();
  });

  it('runs every job once before start() returns (their slow first run is paid before the service takes traffic)', async () => {
    scheduler = new JobScheduler(db, pino({ level: 'silent' }), 60_000);
    await scheduler.start();
    expect(await db.query<{ v: number }>('SELECT v FROM reading_1m')).toEqual([{ v: 5 }]);
  });
});
