import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, onServer } from '@hearth/testkit/test-database';
import { ServerDatabase } from './server-database';

const PROCESS = fileURLToPath(new URL('./fixtures/migrate-process.ts', import.meta.url));
const drops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const drop of drops) await drop();
});

/** The fixture as its own process: resolves once loaded; `go` starts it; `done` is its exit code and output. */
function migrator(url: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', PROCESS], { env: { ...process.env, DATABASE_URL: url }, stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  const ready = new Promise<void>((resolve) =>
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('ready\n')) resolve();
    }),
  );
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const done = new Promise<{ code: number | null; output: string }>((resolve) => child.once('close', (code) => resolve({ code, output })));
  return { ready, go: () => child.stdin.end('go\n'), done };
}

// Replicas of a service (or several services) started together against one fresh server database.
describe.runIf(onServer)('migrations from three processes at once', () => {
  it('create the extension and apply each migration exactly once, and none of them fails', async () => {
    const database = await createTestDatabase({ timescaledb: false });
    drops.push(database.drop);
    const processes = [migrator(database.url), migrator(database.url), migrator(database.url)];
    await Promise.all(processes.map((p) => p.ready));
    for (const p of processes) p.go();
    const results = await Promise.all(processes.map((p) => p.done));
    for (const result of results) expect(result.code, result.output).toBe(0);

    const applied = results.map((r) => JSON.parse(r.output.split('\n').find((line) => line.startsWith('{'))!) as { audit: string[]; fixture: string[] });
    // Between them the three applied every migration once: one did the work, the others found it done.
    expect(applied.flatMap((a) => a.fixture).sort()).toEqual(['0001-readings', '0002-reading-1m', '0003-reading-unit']);
    expect(applied.flatMap((a) => a.audit).sort()).toEqual(['0001-audit-entry', '0002-entry-target']);

    const db = await ServerDatabase.open(database.url, 1);
    try {
      expect(await db.query('SELECT migration, count(*)::int AS n FROM migrate_fixture.applied GROUP BY migration ORDER BY migration')).toEqual([
        { migration: '0001', n: 1 },
        { migration: '0002', n: 1 },
        { migration: '0003', n: 1 },
      ]);
      expect(await db.query(`SELECT module, count(*)::int AS n FROM public.hearth_migration GROUP BY module ORDER BY module`)).toEqual([
        { module: 'audit', n: 2 },
        { module: 'migrate_fixture', n: 3 },
      ]);
    } finally {
      await db.close();
    }
  });
});
