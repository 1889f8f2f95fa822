import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedDatabase } from '@hearth/platform/db';
import { freePort } from '@hearth/platform';
import { exited, spawnStack } from '@hearth/testkit/stack-process';
import type { DemoData } from '@hearth/stack';

/** The embedded stack as its own process (as `npm start` runs it), on a fresh data dir. */
export async function startBenchStack() {
  const dataDir = await mkdtemp(join(tmpdir(), 'hearth-bench-'));
  const mqttPort = await freePort();
  const gatewayPort = await freePort();
  const child = await spawnStack(
    { HEARTH_DATA_DIR: dataDir, MQTT_PORT: String(mqttPort), MQTT_WS_PORT: '0', GATEWAY_PORT: String(gatewayPort), LOG_LEVEL: 'error' },
    // BENCH_PROFILE_DIR=… writes a CPU profile of the stack process (open it in Chrome DevTools).
    process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [],
  );
  const demo = JSON.parse(await readFile(join(dataDir, 'demo.json'), 'utf8')) as DemoData;
  return {
    dataDir,
    demo,
    mqttUrl: `mqtt://127.0.0.1:${mqttPort}`,
    graphqlUrl: `http://127.0.0.1:${gatewayPort}/graphql`,
    wsUrl: `ws://127.0.0.1:${gatewayPort}/graphql`,
    /**
     * Stops the stack gracefully (it flushes), then counts what the hypertable holds per
     * `seq` with the database opened directly, and removes the data.
     */
    stopAndCount: async (): Promise<{ rows: number; distinctSeq: number }> => {
      child.kill('SIGTERM');
      await exited(child);
      const db = await EmbeddedDatabase.open({ dataDir: join(dataDir, 'db'), checkpointIntervalMs: 0 });
      try {
        const [row] = await db.query<{ rows: number; distinct_seq: number }>(
          'SELECT count(*)::int AS rows, count(DISTINCT seq)::int AS distinct_seq FROM twins.tank_sample',
        );
        return { rows: row!.rows, distinctSeq: row!.distinct_seq };
      } finally {
        await db.close();
        await rm(dataDir, { recursive: true, force: true });
      }
    },
  };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
