import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '@hearth/platform';
import type { Database } from '@hearth/platform/db';
import { SERVICE_NODE_FLAGS } from '@hearth/platform/service';
import type { DemoData } from '@hearth/stack';
import { EMBEDDED, freshDatabase, type DatabaseTarget } from './bench-database';
import { provisionBenchKey, type BenchCredentials } from './gateway-auth';
import { seedFleet, type FleetSpec, type SeededFleet } from './seed-fleet';

const MAIN = fileURLToPath(new URL('./stack-main.ts', import.meta.url));

export interface BenchStackUrls {
  gateway: string;
  ws: string;
  mqtt: string;
  /** The gateway's /metrics (internal listener). */
  metrics: string;
  subgraphs: { tanks: string; twins: string; fleet: string };
  peers: { apollo?: string; hive?: string };
}

/** The running stack; it is also the benchmark's credentials for it (gateway-auth.ts). */
export interface BenchStack extends BenchCredentials {
  dataDir: string;
  demo: DemoData;
  fleet: SeededFleet | null;
  urls: BenchStackUrls;
  /** Has the stack process collect its garbage (a heap figure read after this is what is live). */
  collectGarbage(): Promise<void>;
  /** Stops the stack gracefully (it commits what it acknowledged), runs `queries` on its database opened directly, removes the data (and the server database). */
  stop<T extends Record<string, number>>(queries?: { [K in keyof T]: string }): Promise<T>;
}

/** A benchmark runs on a shared stack (the smoke test's) or starts its own on a database target. */
export const isBenchStack = (on: BenchStack | DatabaseTarget): on is BenchStack => 'urls' in on;

/**
 * The stack as its own process, on a fresh data dir and a fresh database (embedded under the data
 * dir by default; `database`: one of its own on a TimescaleDB server, as `DATABASE_URL`),
 * optionally pre-seeded with a fleet (`seedFleet`) and with the peer gateways of the query
 * benchmark. BENCH_PROFILE_DIR=… writes a CPU profile of it; STACK_OUTPUT=1 shows its logs.
 */
export async function startBenchStack(options: { fleet?: FleetSpec; peers?: boolean; database?: DatabaseTarget } = {}): Promise<BenchStack> {
  const dataDir = await mkdtemp(join(tmpdir(), 'hearth-bench-'));
  const database = await freshDatabase(options.database ?? EMBEDDED, dataDir);
  const spec = options.fleet;
  const fleet = spec ? await withDatabase(database.open, (db) => seedFleet(db, spec)) : null;
  const env = {
    HEARTH_DATA_DIR: dataDir,
    MQTT_PORT: String(await freePort()),
    GATEWAY_PORT: String(await freePort()),
    BENCH_PEERS: options.peers ? '1' : '0',
    ...(database.url ? { DATABASE_URL: database.url } : {}),
  };
  const profile = [
    ...SERVICE_NODE_FLAGS,
    '--expose-gc',
    ...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
    ...(process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : []),
  ];
  const { child, urls } = await spawnStackMain(env, profile);
  const demo = JSON.parse(await readFile(join(dataDir, 'demo.json'), 'utf8')) as DemoData;
  const contextPrivateKeyPem = await readFile(join(dataDir, 'context-key.pem'), 'utf8');
  const { apiKey, sessionToken } = await provisionBenchKey(urls.gateway, demo);
  let stopped = false;
  return {
    tenantId: demo.tenantId,
    apiKey,
    sessionToken,
    contextPrivateKeyPem,
    dataDir,
    demo,
    fleet,
    urls,
    collectGarbage: async () => {
      child.kill('SIGUSR2');
      // Two collections' worth of time: the signal is handled on the stack's next turn.
      await new Promise((r) => setTimeout(r, 500));
    },
    stop: async <T extends Record<string, number>>(queries?: { [K in keyof T]: string }) => {
      if (stopped) throw new Error('bench stack already stopped');
      stopped = true;
      child.stdin!.end();
      await exited(child);
      try {
        if (!queries) return {} as T;
        return await withDatabase(database.open, async (db) => {
          const out: Record<string, number> = {};
          for (const [name, sql] of Object.entries(queries)) out[name] = Number((await db.query<{ n: unknown }>(sql))[0]?.n);
          return out as T;
        });
      } finally {
        await database.remove();
        await rm(dataDir, { recursive: true, force: true });
      }
    },
  };
}

async function withDatabase<T>(open: () => Promise<Database>, fn: (db: Database) => Promise<T>): Promise<T> {
  const db = await open();
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

async function spawnStackMain(env: Record<string, string>, nodeArgs: string[]): Promise<{ child: ChildProcess; urls: BenchStackUrls }> {
  // DATABASE_URL only from `env`: one exported in the shell must not move an embedded run to a server.
  const { DATABASE_URL: _, ...inherited } = process.env;
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', MAIN], {
    env: { ...inherited, LOG_LEVEL: process.env.STACK_OUTPUT ? 'info' : 'error', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  const urls = await new Promise<BenchStackUrls>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const line = /^BENCH_URLS (.*)$/m.exec(output);
      if (line && output.includes('Hearth is running')) resolve(JSON.parse(line[1]!) as BenchStackUrls);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`bench stack exited with ${code} before it was ready:\n${output}`)));
  });
  child.stdout!.removeAllListeners('data');
  child.stderr!.removeAllListeners('data');
  // Keep draining its pipes (a full pipe would block the stack); show them when asked.
  const show = process.env.STACK_OUTPUT ? (d: Buffer) => process.stderr.write(`[stack] ${d}`) : () => undefined;
  let tail = '';
  const keep = (d: Buffer) => (show(d), (tail = (tail + d.toString()).slice(-4000)));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  child.once('exit', (code, signal) => {
    if (code !== 0) console.error(`bench stack exited with ${code ?? signal}; its last output:\n${tail}`);
  });
  return { child, urls };
}

export function exited(child: ChildProcess): Promise<number | null> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve(child.exitCode) : new Promise((resolve) => child.once('exit', resolve));
}
