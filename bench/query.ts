import { isDeepStrictEqual } from 'node:util';
import autocannon from 'autocannon';
import mqtt from 'mqtt';
import { EMBEDDED, type DatabaseTarget } from './bench-database';
import { isBenchStack, startBenchStack, type BenchStack } from './bench-stack';
import { gatewayHeaders, subgraphHeaders } from './gateway-auth';
import { dashboard, postGraphql, singleTank, twinEntities, type GraphqlBody, type QueryCase } from './query-documents';
import { fmt, progress, ratio, type BenchResult, type TableRow } from './report';
import { check, round } from './stats';

export interface QueryOptions {
  gateways: number;
  tanksPerGateway: number;
  /** Closed loop: each connection sends its next request when the last one answered. */
  connections: number;
  seconds: number;
  warmupSeconds: number;
  /** Distinct requests per case, sent in turn (different pages, different tanks). */
  variants: number;
}

interface Load {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}
type Target = 'ours' | 'apollo' | 'hive' | 'tanks' | 'twins';
type Row = { name: string; targets: Record<Target, Load>; floor: Load };
type Requests = { url: string; headers: Record<string, string>; bodies: GraphqlBody[]; answers: string[] };

/**
 * Dashboard-style and single-entity queries under closed-loop load (autocannon) through our
 * gateway, a plain @apollo/gateway and Hive Gateway over the same subgraphs (both peers run in
 * the stack process, as ours does), and the floor: each subgraph's part asked directly. The
 * requests of a run differ (pages, tanks), so no gateway gains from deduplicating identical
 * in-flight requests. Every target must give the same answers, and every answer under load
 * must be one of them.
 */
export async function queryBench(o: QueryOptions, on: BenchStack | DatabaseTarget = EMBEDDED): Promise<BenchResult> {
  // `on`: a shared stack (the smoke test's), which must have the peers and at least 50 fleet tanks, or
  // where the database of a stack of its own lives.
  const fleet = { gateways: o.gateways, tanksPerGateway: o.tanksPerGateway, metersPerGateway: 0 };
  const stack = isBenchStack(on) ? on : await startBenchStack({ fleet, peers: true, database: on });
  const results: Row[] = [];
  try {
    await giveTanksTwins(stack);
    const { data } = await postGraphql<{ tanks: { edges: { cursor: string }[] } }>(stack.urls.gateway, gatewayHeaders(stack), {
      query: '{ tanks(first: 200) { edges { cursor } } }',
    });
    // Pages that start anywhere in the list and are full (50 tanks each).
    const starts = data.tanks.edges.slice(0, Math.max(1, data.tanks.edges.length - 50));
    const cursors = Array.from({ length: o.variants }, (_, i) => (i === 0 ? null : starts[Math.floor((i * starts.length) / o.variants)]!.cursor));
    const tankIds = stack.fleet!.gateways.flatMap((g) => g.tanks).slice(0, o.variants);
    for (const c of [dashboard(cursors), singleTank(tankIds)]) results.push(await measureCase(stack, c, o));
  } finally {
    if (stack !== on) await stack.stop();
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
  return {
    figures: { connections: o.connections, seconds: o.seconds, variants: o.variants, tanks: stack.fleet!.tankCount + stack.demo.tanks.length, cases: results },
    rows,
  };
}

async function measureCase(stack: BenchStack, c: QueryCase, o: QueryOptions): Promise<Row> {
  progress(`query: ${c.name}, answers of every target`);
  const federated = c.variants.map((v) => v.federated);
  const gateways = {
    ours: await requests(stack.urls.gateway, gatewayHeaders(stack), federated),
    apollo: await requests(stack.urls.peers.apollo!, {}, federated),
    hive: await requests(stack.urls.peers.hive!, {}, federated),
  };
  const tanksOf = gateways.ours.answers.map((text) => nodesOf(JSON.parse(text)));
  const tanksPart = await requests(
    stack.urls.subgraphs.tanks,
    await subgraphHeaders(stack),
    c.variants.map((v) => v.tanksPart),
  );
  const twinsPart = await requests(
    stack.urls.subgraphs.twins,
    await subgraphHeaders(stack),
    tanksOf.map((tanks) => twinEntities(tanks.map((t) => t.id as string))),
  );
  c.variants.forEach((_, i) => {
    const [ours, apollo, hive] = [gateways.ours, gateways.apollo, gateways.hive].map((g) => JSON.parse(g.answers[i]!) as unknown);
    check(isDeepStrictEqual(ours, apollo) && isDeepStrictEqual(ours, hive), `${c.name} #${i}: the gateways answer differently`);
    const tanks = tanksOf[i]!;
    check(
      tanks.length === (c.name === 'dashboard' ? 50 : 1) && tanks.every((t) => t.twin !== null),
      `${c.name} #${i}: ${tanks.length} tanks, some without twin`,
    );
    check(
      isDeepStrictEqual(
        nodesOf(JSON.parse(tanksPart.answers[i]!)),
        tanks.map(({ twin: _, ...rest }) => rest),
      ),
      `${c.name} #${i}: the tanks subgraph's part differs`,
    );
    const entities = (JSON.parse(twinsPart.answers[i]!) as { data: { _entities: unknown[] } }).data._entities;
    check(
      isDeepStrictEqual(
        entities,
        tanks.map((t) => ({ twin: t.twin })),
      ),
      `${c.name} #${i}: the twins subgraph's part differs`,
    );
  });
  const targets = {} as Record<Target, Load>;
  for (const [target, r] of Object.entries({ ...gateways, tanks: tanksPart, twins: twinsPart }) as [Target, Requests][]) {
    progress(`query: ${c.name} through ${target}`);
    // A signed context lives 60 s: fresh ones for each direct run (each is shorter than that).
    const headers = target === 'tanks' || target === 'twins' ? await subgraphHeaders(stack) : r.headers;
    targets[target] = await load({ ...r, headers }, o);
  }
  // The floor: both subgraph fetches of one request done back to back, nothing else.
  const floor = {
    requestsPerSecond: Math.round(1 / (1 / targets.tanks.requestsPerSecond + 1 / targets.twins.requestsPerSecond)),
    p50Ms: targets.tanks.p50Ms + targets.twins.p50Ms,
    p99Ms: targets.tanks.p99Ms + targets.twins.p99Ms,
  };
  return { name: c.name, targets, floor };
}

/** Each body sent once: the answers every request under load must be one of. */
async function requests(url: string, headers: Record<string, string>, bodies: GraphqlBody[]): Promise<Requests> {
  const answers: string[] = [];
  for (const body of bodies) answers.push((await postGraphql(url, headers, body)).text);
  return { url, headers, bodies, answers };
}

async function load(r: Requests, o: QueryOptions): Promise<Load> {
  const bodies = r.bodies.map((b) => JSON.stringify(b));
  const expected = new Set(r.answers);
  let next = 0;
  const result = await autocannon({
    url: r.url,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...r.headers },
    requests: [{ setupRequest: (req) => ({ ...req, body: bodies[next++ % bodies.length]! }) }],
    connections: o.connections,
    duration: o.seconds,
    ...(o.warmupSeconds > 0 ? { warmup: { connections: o.connections, duration: o.warmupSeconds } } : {}),
    verifyBody: (text) => expected.has(text),
  });
  const { errors, timeouts, non2xx, mismatches } = result;
  check(errors === 0 && timeouts === 0 && non2xx === 0 && mismatches === 0, `${r.url}: ${JSON.stringify({ errors, timeouts, non2xx, mismatches })}`);
  return { requestsPerSecond: round(result.requests.average), p50Ms: result.latency.p50, p99Ms: result.latency.p99 };
}

function nodesOf(body: unknown): Record<string, unknown>[] {
  const d = (body as { data: { tanks?: { edges: { node: Record<string, unknown> }[] }; tank?: Record<string, unknown> } }).data;
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
