import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, onServer } from '@hearth/testkit/test-database';
import { spawnService } from '@hearth/testkit/stack-process';
import { EmbeddedDatabase } from '../db/embedded-database';
import { ServerDatabase } from '../db/server-database';
import { freePort } from '../http/free-port';

const SERVICE = fileURLToPath(new URL('./fixtures/marker-service.ts', import.meta.url));
let dir: string;
afterEach(() => rm(dir, { recursive: true, force: true }));

/** The fixture service as its own process; `exit` resolves once its output is all read (its pipes closed). */
function run(env: Record<string, string>) {
  const service = spawnService(SERVICE, env, [], 'marker');
  const exit = new Promise<number | null>((resolve) => service.child.once('close', resolve));
  return { ...service, exit };
}

describe('runService', () => {
  it('starts a service on its database, and on SIGTERM closes it, then the database, and exits 0', async () => {
    dir = await mkdtemp(join(tmpdir(), 'hearth-run-service-'));
    const marker = join(dir, 'closed');
    // Its data dir's embedded database, or (server mode) a server's, as docker-compose runs it.
    const server = onServer ? await createTestDatabase() : null;
    const service = run({ HEARTH_DATA_DIR: dir, MARKER_FILE: marker, LOG_LEVEL: 'info', ...(server ? { DATABASE_URL: server.url } : {}) });
    try {
      await service.until('marker ready');
      service.child.kill('SIGTERM');
      expect(await service.exit).toBe(0);
      expect(service.output()).toContain('marker shutting down');
      expect(await readFile(marker, 'utf8')).toBe('closed');
      // The database was closed cleanly: what the service wrote is there for the next start.
      const db = server ? await ServerDatabase.open(server.url, 1) : await EmbeddedDatabase.open({ dataDir: join(dir, 'db') });
      try {
        expect(await db.query('SELECT count(*)::int AS n FROM public.marker')).toEqual([{ n: 1 }]);
      } finally {
        await db.close();
      }
    } finally {
      await server?.drop();
    }
  });

  it('refuses to start with every bad variable listed at once', async () => {
    dir = await mkdtemp(join(tmpdir(), 'hearth-run-service-'));
    const service = run({ HEARTH_DATA_DIR: dir, MARKER_FILE: '', LOG_LEVEL: 'loud' });
    expect(await service.exit).not.toBe(0);
    expect(service.output()).toMatch(/MARKER_FILE/);
    expect(service.output()).toMatch(/LOG_LEVEL/);
  });

  it('gives up after DATABASE_WAIT_SECONDS on a database that never answers, saying so at every attempt', async () => {
    dir = await mkdtemp(join(tmpdir(), 'hearth-run-service-'));
    const nobody = await freePort();
    const service = run({
      HEARTH_DATA_DIR: dir,
      MARKER_FILE: join(dir, 'closed'),
      LOG_LEVEL: 'info',
      DATABASE_URL: `postgres://hearth:secret@127.0.0.1:${nobody}/hearth`,
      DATABASE_WAIT_SECONDS: '2',
    });
    expect(await service.exit).toBe(1);
    const output = service.output();
    // Backing off: 0.5 s, then 1 s; the next wait (2 s) would pass the limit. The password never shows.
    expect(output).toContain(`database postgres://hearth@127.0.0.1:${nobody}/hearth not reachable (ECONNREFUSED); attempt 1, next in 0.5 s`);
    expect(output).toContain('attempt 2, next in 1 s');
    expect(output).toMatch(/still not reachable after [\d.]+ s; giving up/);
    expect(output).toContain('marker cannot open its database');
    expect(output).not.toContain('secret');
  });

  // docker-compose starts a service and its database together: the service must outwait it.
  it.runIf(onServer)('waits for a database server that is not reachable yet, then starts on it', async () => {
    dir = await mkdtemp(join(tmpdir(), 'hearth-run-service-'));
    const database = await createTestDatabase();
    const server = new URL(database.url);
    const later = new URL(database.url);
    later.port = String(await freePort());
    const service = run({ HEARTH_DATA_DIR: dir, MARKER_FILE: join(dir, 'closed'), LOG_LEVEL: 'info', DATABASE_URL: later.toString() });
    const sockets = new Set<Socket>();
    const proxy = createServer((socket) => {
      const upstream = connect(Number(server.port), server.hostname);
      for (const s of [socket, upstream]) {
        sockets.add(s);
        s.on('error', () => undefined);
      }
      socket.pipe(upstream).pipe(socket);
    });
    try {
      await service.until('attempt 2, next in 1 s');
      // The server comes up where the service looks for it.
      await new Promise<void>((resolve) => proxy.listen(Number(later.port), '127.0.0.1', resolve));
      await service.until('marker ready');
      expect(service.output()).toMatch(/database \S+ reachable/);
      service.child.kill('SIGTERM');
      expect(await service.exit).toBe(0);
      const db = await ServerDatabase.open(database.url, 1);
      try {
        expect(await db.query('SELECT count(*)::int AS n FROM public.marker')).toEqual([{ n: 1 }]);
      } finally {
        await db.close();
      }
    } finally {
      service.child.kill('SIGKILL');
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => proxy.close(resolve));
      await database.drop();
    }
  });
});
