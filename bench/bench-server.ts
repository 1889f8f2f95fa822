import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { dropDatabase, listDatabases, redactUrl } from '@hearth/platform/db';
import { benchDatabasePrefix } from './bench-database';
import { progress } from './report';

const SCRIPT = fileURLToPath(new URL('../scripts/ensure-timescaledb.sh', import.meta.url));

/** What the server was, recorded beside its figures: they mean little without it. */
export interface ServerFacts {
  source: 'TEST_DATABASE_URL' | 'ensure-timescaledb.sh cluster';
  url: string;
  postgres: string;
  timescaledb: string | null;
  /** Durability settings: the throwaway cluster turns them off, a production server would not. */
  settings: Record<string, string>;
}

export interface BenchServer {
  /** Any database of the server; each benchmark creates its own there (bench-database.ts). */
  url: string;
  facts: ServerFacts;
  /** Drops the databases this process left, stops the cluster if the bench started it. */
  stop(): Promise<void>;
}

/**
 * The TimescaleDB server of `--server`: `TEST_DATABASE_URL` when set (left running), otherwise a
 * throwaway cluster that scripts/ensure-timescaledb.sh starts and this process stops at the end,
 * also when a benchmark fails or the run is interrupted (postgres runs in a session of its own, so
 * Ctrl+C does not reach it).
 */
export async function startBenchServer(): Promise<BenchServer> {
  const given = process.env.TEST_DATABASE_URL;
  if (given) {
    const facts = await describeServer(given, 'TEST_DATABASE_URL');
    return { url: given, facts, stop: () => dropLeftovers(given) };
  }
  const dir = await mkdtemp(join(tmpdir(), 'hearth-bench-timescaledb-'));
  const stopCluster = () => void spawnSync('bash', [SCRIPT, '--stop', dir], { stdio: 'inherit' });
  // The exit hook covers failures and process.exit; the signals would otherwise end the process without it.
  const onSignal = (signal: NodeJS.Signals) => process.exit(signal === 'SIGINT' ? 130 : 143);
  process.once('exit', stopCluster);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const release = () => {
    process.off('exit', stopCluster);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    stopCluster();
  };
  try {
    progress(`starting a TimescaleDB cluster in ${dir}`);
    const url = await ensureTimescaledb(dir);
    const facts = await describeServer(url, 'ensure-timescaledb.sh cluster');
    return { url, facts, stop: async () => release() };
  } catch (err) {
    release();
    throw err;
  }
}

/** Runs the script; its stdout is the URL and only that (its progress goes to our stderr). */
function ensureTimescaledb(dir: string): Promise<string> {
  const child = spawn('bash', [SCRIPT, '--dir', dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      const url = out.trim().split('\n').at(-1) ?? '';
      if (code === 0 && url.startsWith('postgres')) resolve(url);
      else reject(new Error(`scripts/ensure-timescaledb.sh exited with ${code} (${out.trim() || 'no URL'}); see its messages above`));
    });
  });
}

async function describeServer(url: string, source: ServerFacts['source']): Promise<ServerFacts> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const names = ['fsync', 'synchronous_commit', 'full_page_writes', 'shared_buffers', 'max_connections'];
    const { rows } = await client.query<{ name: string; setting: string }>(
      `SELECT name, current_setting(name) AS setting FROM unnest($1::text[]) AS name
       UNION ALL SELECT 'version', current_setting('server_version')
       UNION ALL SELECT 'timescaledb', default_version FROM pg_available_extensions WHERE name = 'timescaledb'`,
      [names],
    );
    const setting = new Map(rows.map((r) => [r.name, r.setting]));
    return {
      source,
      url: redactUrl(url),
      postgres: setting.get('version') ?? '?',
      timescaledb: setting.get('timescaledb') ?? null,
      settings: Object.fromEntries(names.map((n) => [n, setting.get(n) ?? '?'])),
    };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A server we do not own keeps running: take away only the databases a failed benchmark left there. */
async function dropLeftovers(url: string): Promise<void> {
  for (const name of await listDatabases(url, benchDatabasePrefix())) await dropDatabase(url, name);
}
