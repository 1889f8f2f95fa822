import mqtt from 'mqtt';
import { startBenchStack } from './bench-stack';

/**
 * End-to-end QoS 1 ingest: publishers keep a window of unacknowledged messages open and
 * count PUBACKs (each one means "committed"); at the end every acknowledged sample must be
 * in the hypertable.
 */
export async function ingestBench(options: { seconds: number; publishers: number; window: number }) {
  const stack = await startBenchStack();
  let stopped = false;
  try {
    const { demo } = stack;
    const clients = await Promise.all(
      Array.from({ length: options.publishers }, (_, i) =>
        mqtt.connectAsync(stack.mqttUrl, { username: demo.gateway.id, password: demo.gateway.secret, clientId: `bench-${i}` }),
      ),
    );
    let acked = 0;
    let seq = 0;
    // `seq` must rise per device as its messages arrive: each tank is published by one connection only.
    const tanksOf = (c: number) => demo.tanks.filter((_, i) => i % clients.length === c);
    const deadline = Date.now() + options.seconds * 1000;
    const started = performance.now();
    await Promise.all(
      clients.map(async (client, c) => {
        const inFlight = new Set<Promise<unknown>>();
        while (Date.now() < deadline) {
          const mine = tanksOf(c);
          const n = ++seq;
          const tank = mine[n % mine.length]!;
          const payload = JSON.stringify({
            ts: new Date(Date.parse('2026-01-01T00:00:00Z') + n * 10).toISOString(),
            seq: n,
            levelMm: 1000 + (n % 500),
            temperatureC: 14.5,
            pressureKPa: 640,
          });
          const p = client.publishAsync(`hearth/v1/${demo.gateway.id}/tank/${tank.id}/telemetry`, payload, { qos: 1 }).then(() => acked++);
          inFlight.add(p);
          void p.finally(() => inFlight.delete(p));
          if (inFlight.size >= options.window) await Promise.race(inFlight);
        }
        await Promise.all(inFlight);
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    await Promise.all(clients.map((c) => c.endAsync()));
    const stored = await stack.stopAndCount();
    stopped = true;
    // Zero loss and no double counting: every acknowledged message is one row.
    if (stored.rows !== acked || stored.distinctSeq !== acked)
      throw new Error(`ingest lost or duplicated data: acked ${acked}, stored ${stored.rows} rows, ${stored.distinctSeq} distinct seq`);
    return { messages: acked, seconds: round(seconds), messagesPerSecond: Math.round(acked / seconds), storedRows: stored.rows };
  } finally {
    if (!stopped) await stack.stopAndCount().catch(() => undefined);
  }
}

const round = (v: number) => Math.round(v * 100) / 100;
