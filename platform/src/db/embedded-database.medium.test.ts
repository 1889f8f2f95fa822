import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EmbeddedDatabase } from './embedded-database';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

describe('embedded database', () => {
  it('writes to a hypertable with a continuous aggregate after being closed and reopened', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'hearth-db-'));
    dirs.push(dataDir);
    const first = await EmbeddedDatabase.open({ dataDir, checkpointIntervalMs: 0 });
    await first.exec(`CREATE TABLE s (time timestamptz NOT NULL, v float8);
      SELECT create_hypertable('s', by_range('time'));
      CREATE MATERIALIZED VIEW s_1m WITH (timescaledb.continuous) AS SELECT time_bucket('1 minute', time) AS b, avg(v) AS v FROM s GROUP BY 1 WITH NO DATA;`);
    await first.query(`INSERT INTO s VALUES (now(), 1)`);
    await first.close();

    const again = await EmbeddedDatabase.open({ dataDir, checkpointIntervalMs: 0 });
    try {
      await again.query(`INSERT INTO s VALUES (now(), 2)`);
      expect(await again.query<{ n: number }>('SELECT count(*)::int AS n FROM s')).toEqual([{ n: 2 }]);
    } finally {
      await again.close();
    }
  });

  it('refuses a statement outside the transaction that holds the session instead of deadlocking', async () => {
    const db = await EmbeddedDatabase.open({ dataDir: 'memory://', checkpointIntervalMs: 0 });
    try {
      await expect(db.transaction(async () => db.query('SELECT 1'))).rejects.toThrow(/outside its transaction/);
      expect(await db.query<{ one: number }>('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    } finally {
      await db.close();
    }
  });

  it('runs statements a transaction issues without waiting in the order issued, inside it, all or nothing', async () => {
    const db = await EmbeddedDatabase.open({ dataDir: 'memory://', checkpointIntervalMs: 0 });
    try {
      await db.exec('CREATE TABLE t (id int PRIMARY KEY, v int)');
      await db.transaction((tx) =>
        Promise.all([tx.query('INSERT INTO t VALUES (1, 1)'), tx.query('UPDATE t SET v = v + 1 WHERE id = 1'), tx.query('INSERT INTO t VALUES (2, 1)')]),
      );
      expect(await db.query('SELECT id, v FROM t ORDER BY id')).toEqual([
        { id: 1, v: 2 },
        { id: 2, v: 1 },
      ]);
      await expect(
        db.transaction((tx) =>
          Promise.all([tx.query('INSERT INTO t VALUES (3, 1)'), tx.query('INSERT INTO t VALUES (1, 9)'), tx.query('INSERT INTO t VALUES (4, 1)')]),
        ),
      ).rejects.toThrow(/duplicate key/);
      expect(await db.query<{ n: number }>('SELECT count(*)::int AS n FROM t')).toEqual([{ n: 2 }]);
      // A statement of a transaction whose BEGIN did not take is refused, not committed on its own.
      await expect(db.session.query('INSERT INTO t VALUES (5, 1)', [], { inTransaction: true })).rejects.toThrow(/not open/);
      expect(await db.query<{ n: number }>('SELECT count(*)::int AS n FROM t')).toEqual([{ n: 2 }]);
    } finally {
      await db.close();
    }
  });

  it('hands rows back as arrays in select-list order, parsed as object rows are', async () => {
    const db = await EmbeddedDatabase.open({ dataDir: 'memory://', checkpointIntervalMs: 0 });
    try {
      const sql = `SELECT i AS n, 'row ' || i AS label, timestamptz '2026-11-21T08:00:00Z' + i * interval '1 minute' AS at, i % 2 = 0 AS even, NULL::float8 AS missing
                     FROM generate_series(1, $1::int) i ORDER BY i`;
      const rows = await db.queryArrays<[number, string, Date, boolean, number | null]>(sql, [2]);
      expect(rows).toEqual([
        [1, 'row 1', new Date('2026-11-21T08:01:00Z'), false, null],
        [2, 'row 2', new Date('2026-11-21T08:02:00Z'), true, null],
      ]);
      const objects = await db.query<{ n: number; label: string; at: Date; even: boolean; missing: null }>(sql, [2]);
      expect(rows).toEqual(objects.map((o) => [o.n, o.label, o.at, o.even, o.missing]));
    } finally {
      await db.close();
    }
  });

  it('builds object rows as PGlite always has: own properties (even __proto__), across the thread boundary', async () => {
    const db = await EmbeddedDatabase.open({ dataDir: 'memory://', checkpointIntervalMs: 0 });
    try {
      const [row] = await db.query<Record<string, unknown>>(`SELECT 1 AS "__proto__", 2 AS b`);
      expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
      expect(Object.keys(row!)).toEqual(['__proto__', 'b']);
      expect(await db.query('SELECT 41::int4 AS n')).toEqual([{ n: 41 }]);
    } finally {
      await db.close();
    }
  });

  it('keeps the process responsive while a long statement runs: the database has a thread of its own', async () => {
    const db = await EmbeddedDatabase.open({ dataDir: 'memory://', checkpointIntervalMs: 0 });
    try {
      // A statement of about a second (a history chart over months, a migration). In the main thread it
      // would hold the event loop, and every socket of every service in the process, for all of it.
      let longestGapMs = 0;
      let last = performance.now();
      const ticker = setInterval(() => {
        const now = performance.now();
        longestGapMs = Math.max(longestGapMs, now - last);
        last = now;
      }, 5);
      const started = performance.now();
      await db.query('SELECT count(*) FROM generate_series(1, 4000000) i WHERE i % 7 = 3');
      const statementMs = performance.now() - started;
      clearInterval(ticker);
      expect(statementMs).toBeGreaterThan(300);
      expect(longestGapMs).toBeLessThan(statementMs / 3);
    } finally {
      await db.close();
    }
  });
});
