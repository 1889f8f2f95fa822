import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { DEMO_TENANT_ID } from '@hearth/platform';
import { loadMigrations, migrate, type Database } from '@hearth/platform/db';
import { twinsMigrations } from '@hearth/twins';
import { EMBEDDED, freshDatabase, type DatabaseTarget } from './bench-database';
import { generateTankHistory, historySql, historyTankId } from './history-fixtures';
import { fmt, progress, ratio, type BenchResult } from './report';
import { check, median, round } from './stats';

export interface HistoryOptions {
  tanks: number;
  days: number;
  /** Timed runs of each query (after one untimed). */
  runs: number;
  /** Compress chunks older than 7 days first, as the hypertable's compression policy would have. */
  compress: boolean;
}

type Reading = { at: Date; levelMm: number; volumeLiters: number; fillPercent: number; temperatureC: number };

/**
 * One tank's 30-day chart at 1-minute resolution (43,200 points) over a hypertable of `tanks`
 * tanks × `days` days of 10-second samples, from the 1-minute continuous aggregate and from the
 * raw samples (time_bucket over twins.tank_sample). Both must give the same points. A fresh
 * database (embedded in this process, or `database`'s server), filled with generate_series a day at a time.
 */
export async function historyBench(o: HistoryOptions, database: DatabaseTarget = EMBEDDED): Promise<BenchResult> {
  const dir = await mkdtemp(join(tmpdir(), 'hearth-bench-history-'));
  const fresh = await freshDatabase(database, dir);
  const db = await fresh.open();
  try {
    await migrate(db, 'twins', await loadMigrations(twinsMigrations));
    // The embedded database runs no job unless a service's scheduler does; a server's own scheduler
    // would refresh and compress by the migrations' policies (job ids from 1000; below are
    // TimescaleDB's own) while this generates and times. Paused, both modes measure the same work.
    if (fresh.mode === 'server') await db.query('SELECT alter_job(job_id, scheduled => false) FROM timescaledb_information.jobs WHERE job_id >= 1000');
    const end = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    const from = new Date(end.getTime() - o.days * 86_400_000);
    let t = performance.now();
    const rows = await generateTankHistory(db, { tenantId: DEMO_TENANT_ID, tanks: o.tanks, days: o.days, end }, (day) => {
      if (day % 5 === 1) progress(`history: ${o.days - day + 1} of ${o.days} days generated`);
    });
    const generateSeconds = (performance.now() - t) / 1000;
    t = performance.now();
    await db.exec(`CALL refresh_continuous_aggregate('twins.tank_sample_1m', '${from.toISOString()}', '${end.toISOString()}')`);
    const refreshSeconds = (performance.now() - t) / 1000;
    t = performance.now();
    const [compressed] = o.compress
      ? await db.query<{ n: number }>(
          `SELECT count(compress_chunk(c))::int AS n FROM show_chunks('twins.tank_sample', older_than => now() - interval '7 days') c`,
        )
      : [{ n: 0 }];
    const compressSeconds = (performance.now() - t) / 1000;
    await db.exec('CHECKPOINT');
    const dbMiB =
      fresh.mode === 'server'
        ? await serverDatabaseMiB(db)
        : Number(
            execFileSync('du', ['-sm', join(dir, 'db')])
              .toString()
              .split('\t')[0],
          );

    const params = [DEMO_TENANT_ID, historyTankId(Math.ceil(o.tanks / 2)), from, end];
    const query = (source: 'aggregate' | 'raw') => db.query<Reading>(historySql(source, 60), params);
    const [viaAggregate, viaRaw] = [await query('aggregate'), await query('raw')];
    check(
      viaAggregate.length === o.days * 1440 && viaRaw.length === viaAggregate.length,
      `points: aggregate ${viaAggregate.length}, raw ${viaRaw.length}, expected ${o.days * 1440}`,
    );
    const differ = viaAggregate.findIndex((a, i) => !samePoint(a, viaRaw[i]!));
    check(differ < 0, `the aggregate and the raw samples disagree at ${viaAggregate[differ]?.at.toISOString()}`);
    const times = { aggregate: [] as number[], raw: [] as number[] };
    for (let r = 0; r < o.runs; r++) {
      for (const source of ['aggregate', 'raw'] as const) {
        const started = performance.now();
        await query(source);
        times[source].push(performance.now() - started);
      }
    }
    // Inside the database (EXPLAIN ANALYZE) versus as the caller sees it: the rest is moving
    // 43,200 rows out of PGlite (or over the server's socket) and parsing them into objects.
    const explain = async (source: 'aggregate' | 'raw') => {
      const [plan] = await db.query<{ 'QUERY PLAN': [{ 'Execution Time': number }] }>(`EXPLAIN (ANALYZE, FORMAT JSON) ${historySql(source, 60)}`, params);
      return round(plan!['QUERY PLAN'][0]['Execution Time'], 1);
    };
    const executionMs = { aggregate: await explain('aggregate'), raw: await explain('raw') };
    const aggregateMs = round(median(times.aggregate), 1);
    const rawMs = round(median(times.raw), 1);
    return {
      figures: {
        tanks: o.tanks,
        days: o.days,
        rows,
        points: viaAggregate.length,
        generateSeconds: round(generateSeconds, 1),
        rowsPerSecond: Math.round(rows / generateSeconds),
        refreshAggregateSeconds: round(refreshSeconds, 1),
        compressedChunks: compressed!.n,
        compressSeconds: round(compressSeconds, 1),
        databaseMiB: dbMiB,
        aggregateMs: { median: aggregateMs, min: round(Math.min(...times.aggregate), 1), runs: o.runs },
        rawMs: { median: rawMs, min: round(Math.min(...times.raw), 1), runs: o.runs },
        executionMs,
      },
      rows: [
        {
          measure: `1 tank, ${o.days} d at 1 min (${fmt(viaAggregate.length)} points), ${fmt(o.tanks)} tanks × ${o.days} d of 10 s (${fmt(rows)} rows): ms`,
          value: `${fmt(aggregateMs)} (aggregate)`,
          reference: `${fmt(rawMs)} (raw time_bucket)`,
          ratio: ratio(aggregateMs, rawMs),
        },
        {
          measure: 'the same, inside the database only (EXPLAIN ANALYZE): ms',
          value: `${fmt(executionMs.aggregate)} (aggregate)`,
          reference: `${fmt(executionMs.raw)} (raw)`,
          ratio: ratio(executionMs.aggregate, executionMs.raw),
        },
        {
          measure: 'setup: generate / refresh aggregate / compress (s)',
          value: `${fmt(generateSeconds)} / ${fmt(refreshSeconds)} / ${fmt(compressSeconds)}`,
          reference: `${fmt(dbMiB)} MiB on disk`,
        },
      ],
    };
  } finally {
    await db.close();
    await fresh.remove();
    await rm(dir, { recursive: true, force: true });
  }
}

/** The database's size on the server's disk (its share of the cluster: the WAL is the cluster's). */
async function serverDatabaseMiB(db: Database): Promise<number> {
  const [row] = await db.query<{ mib: number }>('SELECT round(pg_database_size(current_database()) / 1048576.0)::int AS mib');
  return row!.mib;
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
const samePoint = (a: Reading, b: Reading) =>
  a.at.getTime() === b.at.getTime() &&
  close(a.levelMm, b.levelMm) &&
  close(a.volumeLiters, b.volumeLiters) &&
  close(a.fillPercent, b.fillPercent) &&
  close(a.temperatureC, b.temperatureC);
