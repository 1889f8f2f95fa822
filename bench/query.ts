import { isDeepStrictEqual } from 'node:util';
import autocannon from 'autocannon';
import mqtt from 'mqtt';
import { startBenchStack, type BenchStack } from './bench-stack';
import { gatewayHeaders, subgraphHeaders } from './gateway-auth';
import { dashboard, postGraphql, singleTank, type QueryCase } from './query-documents';
import { fmt, ratio, type BenchResult, type TableRow } from './report';
import { check, round } from './stats';

export interface QueryOptions {
  gateways: number;
  tanksPerGateway: number;
  /** Closed loop: each connection sends its next request when the last one answered. */
  connections: number;
  seconds: number;
  warmupSeconds: number;
}

interface Load {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}
type Target = 'ours' | 'apollo' | 'hive' | 'tanks' | 'twins';
type Row = { name: string; targets: Record<Target, Load>; floor: Load };

/**
 * Dashboard-style and single-entity queries under closed-loop load (autocannon) through our
 * gateway, a plain @apollo/gateway and Hive Gateway over the same subgraphs (both peers run in
 * the stack process, as ours does), and the floor: each subgraph's part asked directly. Every
 * target must give the same answer, and every answer under load must equal the first.
 */
export async function queryBench(o: QueryOptions, shared?: BenchStack): Promise<BenchResult> {
  // A shared stack (the smoke test's) must have the peers and at least 50 fleet tanks.
  const stack = shared ?? (await startBenchStack({ fleet: { gateways: o.gateways, tanksPerGateway: o.tanksPerGateway, metersPerGateway: 0 }, peers: true }));
  const results: Row[] = [];
  try {
    await giveTanksTwins(stack);
    for (const c of [dashboard, singleTank(stack.fleet!.gateways[0]!.tanks[0]!)]) results.push(await measureCase(stack, c, o));
  } finally {
    if (!shared) await stack.stop();
  }
  const show = (l: Load) => `${fmt(l.requestsPerSecond)} req/s, p50 ${fmt(l.p50Ms)} / p99 ${fmt(l.p99Ms)} ms`;
  const rows: TableRow[] = results.flatMap(({ name, targets: t, floor }) => [
    {
      measure: `${name}: our gateway`,
      value: show(t.ours),
      reference: `floor ${fmt(floor.requestsPerSecond)} req/s`,
      ratio: ratio(t.ours.requestsPerSecond, floor.requestsPerSecond),
    },
    {
      measure: `${name}: plain @apollo/gateway`,
      value: show(t.apollo),
      reference: `floor ${fmt(floor.requestsPerSecond)} req/s`,
      ratio: ratio(t.apollo.requestsPerSecond, floor.requestsPerSecond),
    },
    {
      measure: `${name}: Hive Gateway`,
      value: show(t.hive),
      reference: `floor ${fmt(floor.requestsPerSecond)} req/s`,
      ratio: ratio(t.hive.requestsPerSecond, floor.requestsPerSecond),
    },
    {
      measure: `${name}: our gateway vs peers (req/s)`,
      value: fmt(t.ours.requestsPerSecond),
      reference: `Apollo ${fmt(t.apollo.requestsPerSecond)}`,
      ratio: ratio(t.ours.requestsPerSecond, t.apollo.requestsPerSecond),
    },
    { measure: '', value: '', reference: `Hive ${fmt(t.hive.requestsPerSecond)}`, ratio: ratio(t.ours.requestsPerSecond, t.hive.requestsPerSecond) },
    { measure: `${name}: floor, tanks subgraph direct`, value: show(t.tanks) },
    { measure: `${name}: floor, twins _entities direct`, value: show(t.twins) },
  ]);
  return { figures: { connections: o.connections, seconds: o.seconds, tanks: stack.fleet!.tankCount + stack.demo.tanks.length, cases: results }, rows };
}

async function measureCase(stack: BenchStack, c: QueryCase, o: QueryOptions): Promise<Row> {
  const gw = {
    ours: { url: stack.urls.gateway, headers: gatewayHeaders(stack) },
    apollo: { url: stack.urls.peers.apollo!, headers: {} },
    hive: { url: stack.urls.peers.hive!, headers: {} },
  };
  const answers = {
    ours: await postGraphql(gw.ours.url, gw.ours.headers, c.federated),
    apollo: await postGraphql(gw.apollo.url, {}, c.federated),
    hive: await postGraphql(gw.hive.url, {}, c.federated),
  };
  check(
    isDeepStrictEqual(answers.ours.data, answers.apollo.data) && isDeepStrictEqual(answers.ours.data, answers.hive.data),
    `${c.name}: the gateways answer differently`,
  );
  const tanks = nodesOf(answers.ours.data);
  check(tanks.length === (c.name === 'dashboard' ? 50 : 1) && tanks.every((t) => t.twin !== null), `${c.name}: ${tanks.length} tanks, some without twin`);
  const tanksPart = await postGraphql(stack.urls.subgraphs.tanks, await subgraphHeaders(stack), c.tanksPart);
  const twinsPart = await postGraphql<{ _entities: unknown[] }>(
    stack.urls.subgraphs.twins,
    await subgraphHeaders(stack),
    c.twinsPart(tanks.map((t) => t.id as string)),
  );
  check(
    isDeepStrictEqual(
      nodesOf(tanksPart.data),
      tanks.map(({ twin: _, ...rest }) => rest),
    ),
    `${c.name}: the tanks subgraph's part differs from the federated answer`,
  );
  check(
    isDeepStrictEqual(
      twinsPart.data._entities,
      tanks.map((t) => ({ twin: t.twin })),
    ),
    `${c.name}: the twins subgraph's part differs from the federated answer`,
  );

  const twinsBody = c.twinsPart(tanks.map((t) => t.id as string));
  const run = (url: string, headers: Record<string, string>, body: object, expected: string) => load(url, headers, body, expected, o);
  const targets: Record<Target, Load> = {
    ours: await run(gw.ours.url, gw.ours.headers, c.federated, answers.ours.text),
    apollo: await run(gw.apollo.url, {}, c.federated, answers.apollo.text),
    hive: await run(gw.hive.url, {}, c.federated, answers.hive.text),
    // A signed context lives 60 s: a fresh one for each run (each is shorter than that).
    tanks: await run(stack.urls.subgraphs.tanks, await subgraphHeaders(stack), c.tanksPart, tanksPart.text),
    twins: await run(stack.urls.subgraphs.twins, await subgraphHeaders(stack), twinsBody, twinsPart.text),
  };
  // The floor: both subgraph fetches of one request done back to back, nothing else.
  const floor = {
    requestsPerSecond: Math.round(1 / (1 / targets.tanks.requestsPerSecond + 1 / targets.twins.requestsPerSecond)),
    p50Ms: targets.tanks.p50Ms + targets.twins.p50Ms,
    p99Ms: targets.tanks.p99Ms + targets.twins.p99Ms,
  };
  return { name: c.name, targets, floor };
}

async function load(url: string, headers: Record<string, string>, body: object, expected: string, o: QueryOptions): Promise<Load> {
  const r = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    connections: o.connections,
    duration: o.seconds,
    ...(o.warmupSeconds > 0 ? { warmup: { connections: o.connections, duration: o.warmupSeconds } } : {}),
    verifyBody: (text) => text === expected,
  });
  check(
    r.errors === 0 && r.timeouts === 0 && r.non2xx === 0 && r.mismatches === 0,
    `${url}: ${JSON.stringify({ errors: r.errors, timeouts: r.timeouts, non2xx: r.non2xx, mismatches: r.mismatches })}`,
  );
  return { requestsPerSecond: round(r.requests.average), p50Ms: r.latency.p50, p99Ms: r.latency.p99 };
}

function nodesOf(data: unknown): Record<string, unknown>[] {
  const d = data as { tanks?: { edges: { node: Record<string, unknown> }[] }; tank?: Record<string, unknown> };
  return d.tanks ? d.tanks.edges.map((e) => e.node) : d.tank ? [d.tank] : [];
}

/** One sample per bench tank (committed when acknowledged); every tenth above its high alarm levels, so some twins carry alarms. */
async function giveTanksTwins(stack: BenchStack): Promise<void> {
  for (const g of stack.fleet!.gateways) {
    const client = await mqtt.connectAsync(stack.urls.mqtt, { username: g.id, password: g.secret, clientId: `${g.id}-seed` });
    await Promise.all(
      g.tanks.map((id, t) =>
        client.publishAsync(
          `hearth/v1/${g.id}/tank/${id}/telemetry`,
          JSON.stringify({ seq: 1, levelMm: t % 10 === 0 ? 1600 : 700 + t * 5, temperatureC: 15 }),
          { qos: 1 },
        ),
      ),
    );
    await client.endAsync();
  }
}
