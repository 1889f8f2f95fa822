import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import mqtt from 'mqtt';
import { EmbeddedDatabase, ServerDatabase } from '@hearth/platform/db';
import { createTestDatabase, onServer } from '@hearth/testkit/test-database';
import { freePort } from '@hearth/platform';
import { exited, spawnStack } from '@hearth/testkit/stack-process';
import { eventually } from '@hearth/testkit/eventually';

const TOTAL = 1500;

describe('crash while a gateway publishes at QoS 1', () => {
  it('after kill -9 and restart, every acknowledged sample is stored, and retransmissions are stored once', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'hearth-crash-'));
    // Embedded: the data dir's database. Server mode: a database of its own on the TimescaleDB server, where a
    // crash is the services' alone (the server keeps running), seeded with the demo as `npm start` seeds it.
    const server = onServer ? await createTestDatabase() : null;
    const env = {
      HEARTH_DATA_DIR: dataDir,
      MQTT_PORT: String(await freePort()),
      MQTT_WS_PORT: '0',
      GATEWAY_PORT: String(await freePort()),
      ...(server ? { DATABASE_URL: server.url, HEARTH_DEMO: 'true' } : {}),
    };
    let child = await spawnStack(env);
    try {
      const demo = JSON.parse(await readFile(join(dataDir, 'demo.json'), 'utf8')) as { gateway: { id: string; secret: string }; tanks: { id: string }[] };
      const tankId = demo.tanks[0]!.id;
      const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${env.MQTT_PORT}`, {
        username: demo.gateway.id,
        password: demo.gateway.secret,
        clientId: 'crash-test-gw',
        reconnectPeriod: 100,
        connectTimeout: 2000,
      });
      const acked = new Set<number>();
      const start = Date.parse('2026-11-21T06:00:00Z');
      const publish = (seq: number) =>
        client.publish(
          `hearth/v1/${demo.gateway.id}/tank/${tankId}/telemetry`,
          JSON.stringify({ ts: new Date(start + seq * 1000).toISOString(), seq, levelMm: 1000 + seq / 10 }),
          { qos: 1 },
          (err) => {
            if (!err) acked.add(seq);
          },
        );

      let seq = 0;
      const pump = setInterval(() => {
        for (let i = 0; i < 25 && seq < TOTAL; i++) publish(++seq);
      }, 5);
      await eventually('some acknowledged samples before the crash', () => (acked.size >= 400 ? true : undefined), 30_000);
      child.kill('SIGKILL');
      await exited(child);
      const ackedBeforeCrash = new Set(acked);
      child = await spawnStack(env);
      await eventually('every sample acknowledged after the restart', () => (seq === TOTAL && acked.size === TOTAL ? true : undefined), 60_000);
      clearInterval(pump);
      await client.endAsync();
      child.kill('SIGTERM');
      await exited(child);

      const db = server ? await ServerDatabase.open(server.url, 1) : await EmbeddedDatabase.open({ dataDir: join(dataDir, 'db'), checkpointIntervalMs: 0 });
      try {
        const rows = await db.query<{ seq: number; n: number }>('SELECT seq, count(*)::int AS n FROM twins.tank_sample WHERE tank_id = $1 GROUP BY seq', [
          tankId,
        ]);
        const stored = new Map(rows.map((r) => [Number(r.seq), r.n]));
        expect([...ackedBeforeCrash].filter((s) => !stored.has(s))).toEqual([]);
        expect(rows.filter((r) => r.n > 1)).toEqual([]);
        expect(stored.size).toBe(TOTAL);
        expect(ackedBeforeCrash.size).toBeLessThan(TOTAL);
      } finally {
        await db.close();
      }
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited(child);
      await server?.drop();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
