import { createClient } from 'graphql-ws';
import mqtt from 'mqtt';
import WebSocket from 'ws';
import { percentile, startBenchStack } from './bench-stack';

/**
 * Publish → subscription event at a steady rate: QoS 1 publishes spread evenly over time,
 * one graphql-ws subscriber at the gateway for every demo tank. Each sample carries a unique
 * level, so the event that shows it identifies the publish it came from. Twins coalesce the
 * samples of one tank that commit together into one event: only samples that are the newest
 * of their batch produce an event, and those are the ones measured.
 */
export async function liveLatencyBench(options: { rate: number; seconds: number; warmupSeconds?: number }) {
  const stack = await startBenchStack();
  try {
    const { demo } = stack;
    const sentAt = new Map<number, number>();
    const warmupMs = (options.warmupSeconds ?? 2) * 1000;
    let started = Number.POSITIVE_INFINITY;
    const latencies: number[] = [];
    const ws = createClient({ url: stack.wsUrl, webSocketImpl: WebSocket, lazy: false });
    const ready = new Promise<void>((resolve) => setTimeout(resolve, 500));
    ws.subscribe(
      { query: `subscription($ids: [ID!]) { tankTwinChanged(tankIds: $ids) { id name twin { levelMm } } }`, variables: { ids: demo.tanks.map((t) => t.id) } },
      {
        next: (v) => {
          const level = (v.data as { tankTwinChanged: { twin: { levelMm: number } } }).tankTwinChanged.twin.levelMm;
          const at = sentAt.get(level);
          // Warm-up (JIT, first plans, first commits) is not the steady state being measured.
          if (at !== undefined && at - started >= warmupMs) latencies.push(performance.now() - at);
        },
        error: (e) => console.error('subscription error', e),
        complete: () => undefined,
      },
    );
    await ready;
    const client = await mqtt.connectAsync(stack.mqttUrl, { username: demo.gateway.id, password: demo.gateway.secret, clientId: 'bench-latency' });
    const total = options.rate * options.seconds;
    const tickMs = 10;
    const perTick = (options.rate * tickMs) / 1000;
    let sent = 0;
    started = performance.now();
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        const due = Math.min(total, Math.floor(((performance.now() - started) / tickMs) * perTick));
        while (sent < due) {
          const i = ++sent;
          const level = 500 + i + 0.5;
          const tank = demo.tanks[i % demo.tanks.length]!;
          sentAt.set(level, performance.now());
          client.publish(`hearth/v1/${demo.gateway.id}/tank/${tank.id}/telemetry`, JSON.stringify({ seq: i, levelMm: level }), { qos: 1 });
        }
        if (sent >= total) {
          clearInterval(timer);
          resolve();
        }
      }, tickMs);
    });
    await new Promise((r) => setTimeout(r, 1000));
    await client.endAsync();
    await ws.dispose();
    const sorted = latencies.sort((a, b) => a - b);
    return {
      rate: options.rate,
      published: sent,
      events: sorted.length,
      p50Ms: round(percentile(sorted, 50)),
      p99Ms: round(percentile(sorted, 99)),
      maxMs: round(sorted.at(-1) ?? Number.NaN),
    };
  } finally {
    await stack.stopAndCount().catch(() => undefined);
  }
}

const round = (v: number) => Math.round(v * 10) / 10;
