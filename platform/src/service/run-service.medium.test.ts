import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { EmbeddedDatabase } from '../db/embedded-database';

const SERVICE = fileURLToPath(new URL('./fixtures/marker-service.ts', import.meta.url));
let dir: string;
afterEach(() => rm(dir, { recursive: true, force: true }));

/** The fixture service as its own process; `until` resolves once its output contains the text. */
function run(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', SERVICE], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const waiting: [string, () => void][] = [];
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    for (const [text, resolve] of waiting) if (output.includes(text)) resolve();
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  // 'close', not 'exit': the output is all read only once the pipes close.
  const exit = new Promise<number | null>((resolve) => child.once('close', resolve));
  return {
    child,
    exit,
    output: () => output,
    until: (text: string) => new Promise<void>((resolve) => (output.includes(text) ? resolve() : waiting.push([text, resolve]))),
  };
}

describe('runService', () => {
  it('starts a service on its database, and on SIGTERM closes it, then the database, and exits 0', async () => {
    dir = await mkdtemp(join(tmpdir(), 'hearth-run-service-'));
    const marker = join(dir, 'closed');
    const service = run({ HEARTH_DATA_DIR: dir, MARKER_FILE: marker, LOG_LEVEL: 'info' });
    await service.until('marker ready');
    service.child.kill('SIGTERM');
    expect(await service.exit).toBe(0);
    expect(service.output()).toContain('marker shutting down');
    expect(await readFile(marker, 'utf8')).toBe('closed');
    // The database was closed cleanly: what the service wrote is there for the next start.
    const db = await EmbeddedDatabase.open({ dataDir: join(dir, 'db') });
    try {
      expect(await db.query('SELECT count(*)::int AS n FROM public.marker')).toEqual([{ n: 1 }]);
    } finally {
      await db.close();
    }
  });

  it('refuses to start with every bad variable listed at once', async () => {
    dir = await mkdtemp(join(tmpdir(), 'hearth-run-service-'));
    const service = run({ HEARTH_DATA_DIR: dir, MARKER_FILE: '', LOG_LEVEL: 'loud' });
    expect(await service.exit).not.toBe(0);
    expect(service.output()).toMatch(/MARKER_FILE/);
    expect(service.output()).toMatch(/LOG_LEVEL/);
  });
});
