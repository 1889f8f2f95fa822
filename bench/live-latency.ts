import { BareBroker } from './bare-broker';
import { EMBEDDED, type DatabaseTarget } from './bench-database';
import { isBenchStack, startBenchStack, type BenchStack } from './bench-stack';
import { connectionParams } from './gateway-auth';
import { GatewaySubscribers, openFrozenSubscriber } from './gateway-subscribers';
import { PacedPublisher, type Publish } from './paced-publisher';
import { fmt, progress, ratio, type BenchResult, type TableRow } from './report';
import { check, latencySummary } from './stats';

export interface LiveLatencyOptions {
  gateways: number;
  tanksPerGateway: number;
  /**
   * Each scenario: `subscriptions` subscribers splitting the tanks between them, `rate` msg/s;
   * `frozen`: one more subscriber to every tank that stops reading its socket.
   */
  scenarios: Scenario[];
  seconds: number;
  warmupSeconds: number;
}

type Latency = ReturnType<typeof latencySummary>;
type Scenario = { subscriptions: number; rate: number; frozen?: boolean };

/**
 * Publish → `tankTwinChanged` event at graphql-ws subscribers of the gateway, at steady rates,
 * with one subscription watching every tank and with many each watching their share. Every event
 * must show a level some publish of its tank sent; at the end every subscriber must show the last
 * level published for each of its tanks. Twins coalesce the samples of one tank committed
 * together into one event, and the gateway drops the oldest events of a subscriber that falls
 * behind: events are fewer than publishes. The ceiling: bare Aedes publish → in-process delivery.
 */
export async function liveLatencyBench(o: LiveLatencyOptions, on: BenchStack | DatabaseTarget = EMBEDDED): Promise<BenchResult> {
  // `on`: a shared stack (the smoke test's), which must have a fleet of tanks (this benchmark publishes
  // for all of them), or where the database of a stack of its own lives.
  // The ceiling's broker starts while the stack does (or while a shared one is already up).
  const bareStarted = BareBroker.start();
  const results: (Scenario & {
    stack: Latency & {
      published: number;
      dropped: number | null;
      staleAtEnd: number;
      errors: number;
      ackLagMs: number;
      heapMb: { before: number; after: number } | null;
    };
  })[] = [];
  const ceilings = new Map<number, Latency>();
  let tanks = 0;
  try {
    const fleet = { gateways: o.gateways, tanksPerGateway: o.tanksPerGateway, metersPerGateway: 0 };
    const stack = isBenchStack(on) ? on : await startBenchStack({ fleet, database: on });
    tanks = stack.fleet!.tankCount;
    try {
      const publisher = await PacedPublisher.connect(stack.urls.mqtt, stack.fleet!.gateways);
      try {
        for (const s of o.scenarios) results.push({ ...s, stack: await scenario(stack, publisher, s, o) });
      } finally {
        await publisher.close();
      }
    } finally {
      if (stack !== on) await stack.stop();
    }
    const bare = await bareStarted;
    for (const rate of new Set(o.scenarios.map((s) => s.rate))) ceilings.set(rate, await bareScenario(bare, stack.fleet!.gateways, rate, o));
  } finally {
    await bareStarted.then((b) => b.stop()).catch(() => undefined);
  }
  const rows: TableRow[] = results.flatMap((r) => {
    const c = ceilings.get(r.rate)!;
    const label = `${fmt(r.rate)} msg/s, ${fmt(r.subscriptions)} subscription${r.subscriptions > 1 ? 's' : ''}${r.frozen ? ' + 1 frozen socket' : ''}`;
    return [
      { measure: `${label}: p50 ms`, value: fmt(r.stack.p50Ms), reference: `${fmt(c.p50Ms)} (bare Aedes)`, ratio: ratio(r.stack.p50Ms, c.p50Ms) },
      { measure: `${label}: p99 ms`, value: fmt(r.stack.p99Ms), reference: fmt(c.p99Ms), ratio: ratio(r.stack.p99Ms, c.p99Ms) },
      { measure: `${label}: max ms`, value: fmt(r.stack.maxMs), reference: fmt(c.maxMs), ratio: ratio(r.stack.maxMs, c.maxMs) },
      {
        measure: `${label}: events / publishes; dropped; errors; stale at end; last PUBACK after end (ms)`,
        value: `${fmt(r.stack.count)} / ${fmt(r.stack.published)}; ${fmt(r.stack.dropped ?? Number.NaN)}; ${fmt(r.stack.errors)}; ${fmt(r.stack.staleAtEnd)}; ${fmt(r.stack.ackLagMs)}`,
      },
      ...(r.frozen && r.stack.heapMb
        ? [{ measure: `${label}: stack heap before / after (MB)`, value: `${fmt(r.stack.heapMb.before)} / ${fmt(r.stack.heapMb.after)}` }]
        : []),
    ];
  });
  return {
    figures: { tanks, seconds: o.seconds, warmupSeconds: o.warmupSeconds, scenarios: results, bareAedes: Object.fromEntries(ceilings) },
    rows,
  };
}

async function scenario(stack: BenchStack, publisher: PacedPublisher, s: Scenario, o: LiveLatencyOptions) {
  progress(`live-latency: ${s.subscriptions} subscription(s)${s.frozen ? ' and a frozen one' : ''} at ${s.rate} msg/s`);
  const tanks = publisher.tankIds;
  const groups = Array.from({ length: s.subscriptions }, (_, n) => tanks.filter((_, t) => t % s.subscriptions === n));
  const byLevel = new Map<number, Publish>();
  const last = new Map<string, number>();
  const record = (p: Publish) => (byLevel.set(p.levelMm, p), last.set(p.tankId, p.levelMm));
  let measureFrom = Number.POSITIVE_INFINITY;
  const latencies: number[] = [];
  const strangers: string[] = [];
  const subscribers = await GatewaySubscribers.open(stack.urls.ws, connectionParams(stack), groups, (e) => {
    const p = byLevel.get(e.levelMm);
    if (p === undefined || p.tankId !== e.tankId) strangers.push(`${e.tankId} at ${e.levelMm}`);
    else if (p.at >= measureFrom) latencies.push(e.at - p.at);
  });
  try {
    // A subscription is live once it has seen a probe of its first tank (sockets open in the background: probe until then).
    const first = (group: string[]) => group.slice(0, 1);
    let missing = Number.POSITIVE_INFINITY;
    for (let attempt = 0; attempt < 20 && missing > 0; attempt++) {
      publisher.probe(
        groups.map((g) => g[0]!),
        record,
      );
      missing = await subscribers.waitFor((id) => last.get(id), 3_000, first);
    }
    check(missing === 0, `${missing} subscriptions never became live`);
    const frozen = s.frozen ? await openFrozenSubscriber(stack.urls.ws, connectionParams(stack), tanks) : undefined;
    const heapBefore = s.frozen ? await heapUsedMb(stack) : null;
    const dropped = await droppedEvents(stack);
    measureFrom = performance.timeOrigin + performance.now() + o.warmupSeconds * 1000;
    let published = 0;
    await publisher.run(s.rate, o.seconds, (p) => (record(p), p.at >= measureFrom && published++));
    const ackLagMs = Math.round(await publisher.settle());
    const stale = await subscribers.waitFor((id) => last.get(id), 3_000);
    const heapAfter = s.frozen ? await heapUsedMb(stack) : null;
    frozen?.close();
    const errors = subscribers.takeErrors();
    if (errors.count > 0) progress(`${errors.count} events came as errors, e.g. ${errors.first.join(' ')}`);
    const droppedAfter = await droppedEvents(stack);
    const droppedNow = dropped === null || droppedAfter === null ? null : droppedAfter - dropped;
    check(strangers.length === 0, `events showing levels no publish of their tank sent: ${strangers.slice(0, 5).join(', ')}`);
    // A twin is a state: a subscriber that keeps up ends on every tank's last level, whatever was
    // conflated on the way, and no event may fail.
    check(errors.count === 0, `${errors.count} events came as errors, e.g. ${errors.first.join(' ')}`);
    check(stale === 0, `${stale} (subscriber, tank) pairs do not show the last level published for the tank (the gateway dropped ${droppedNow ?? '?'} events)`);
    const heapMb = heapBefore !== null && heapAfter !== null ? { before: heapBefore, after: heapAfter } : null;
    return {
      ...latencySummary(latencies),
      published,
      dropped: droppedNow,
      staleAtEnd: stale,
      errors: errors.count,
      ackLagMs,
      firstErrors: errors.first,
      heapMb,
    };
  } finally {
    await subscribers.close();
  }
}

async function bareScenario(bare: BareBroker, gateways: Parameters<typeof PacedPublisher.connect>[1], rate: number, o: LiveLatencyOptions): Promise<Latency> {
  const publisher = await PacedPublisher.connect(bare.mqttUrl, gateways);
  try {
    const sent = new Map<number, number>();
    const { offsetMs } = await bare.clockOffset();
    await bare.stamp();
    const measureFrom = performance.timeOrigin + performance.now() + o.warmupSeconds * 1000;
    await publisher.run(rate, o.seconds, (p) => p.at >= measureFrom && sent.set(p.i, p.at));
    await publisher.settle();
    const { stamps } = await bare.collect();
    const latencies = stamps.flatMap(([seq, at]) => (sent.has(seq) ? [at - offsetMs - sent.get(seq)!] : []));
    check(latencies.length === sent.size, `bare broker delivered ${latencies.length} of ${sent.size} measured publishes`);
    return latencySummary(latencies);
  } finally {
    await publisher.close();
  }
}

/** The sum of a metric's series on the stack's /metrics (null if it does not say). */
async function metricSum(stack: BenchStack, name: string): Promise<number | null> {
  const res = await fetch(stack.urls.metrics);
  if (!res.ok) return null;
  const lines = (await res.text()).split('\n').filter((l) => l.startsWith(name));
  return lines.reduce((n, l) => n + Number(l.split(' ').at(-1)), 0);
}

/** The gateway's count of subscription events dropped for slow subscribers. */
const droppedEvents = (stack: BenchStack) => metricSum(stack, 'hearth_gateway_subscription_events_dropped_total');

/** The stack process's used heap after a full collection (MB): what it holds, not what it has yet to collect. */
async function heapUsedMb(stack: BenchStack): Promise<number | null> {
  await stack.collectGarbage();
  const bytes = await metricSum(stack, 'hearth_process_nodejs_heap_size_used_bytes');
  return bytes === null ? null : Math.round(bytes / 1e6);
}
