import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '@hearth/platform/db';
import { EMBEDDED, freshDatabase, type DatabaseTarget } from './bench-database';
import { startBenchServer } from './bench-server';
import { fmt } from './report';

/**
 * A diagnostic for the server-mode figures: what one statement costs the caller on each database
 * (PGlite on its thread in this process, a server's pool over loopback TCP), one after another and
 * with ten callers at once, and what reading a large result costs. Each database is fresh, on disk
 * or on the server. `node --import tsx bench/statement-probe.ts` (TEST_DATABASE_URL, or a
 * throwaway cluster it starts and stops).
 */
const STATEMENTS = 3_000;
const server = await startBenchServer();
try {
  for (const target of [EMBEDDED, { mode: 'server', serverUrl: server.url }] satisfies DatabaseTarget[]) {
    const dir = await mkdtemp(join(tmpdir(), 'hearth-bench-probe-'));
    const fresh = await freshDatabase(target, dir);
    const db = await fresh.open();
    try {
      console.log(`${target.mode}: ${await probe(db)}`);
    } finally {
      await db.close();
      await fresh.remove();
      await rm(dir, { recursive: true, force: true });
    }
  }
} finally {
  await server.stop();
}
process.exit(0);

async function probe(db: Database): Promise<string> {
  const one = (i: number) => db.query('SELECT $1::int AS x', [i]);
  for (let i = 0; i < 200; i++) await one(i); // warm-up: connections, plans, JIT
  let t = performance.now();
  for (let i = 0; i < STATEMENTS; i++) await one(i);
  const sequentialUs = ((performance.now() - t) * 1000) / STATEMENTS;
  t = performance.now();
  await Promise.all(
    Array.from({ length: 10 }, async (_, c) => {
      for (let i = 0; i < STATEMENTS / 10; i++) await one(c * STATEMENTS + i);
    }),
  );
  const concurrentUs = ((performance.now() - t) * 1000) / STATEMENTS;
  await db.exec('CREATE TABLE probe (id int PRIMARY KEY, v float8)');
  await db.exec('INSERT INTO probe SELECT g, g * 1.5 FROM generate_series(1, 50000) g');
  t = performance.now();
  for (let i = 0; i < 10; i++) await db.query('SELECT * FROM probe');
  const readMs = (performance.now() - t) / 10;
  return `a statement ${fmt(sequentialUs)} µs one after another, ${fmt(concurrentUs)} µs with 10 callers at once; 50,000 rows × 2 columns read in ${fmt(readMs)} ms`;
}
