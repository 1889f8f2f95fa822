import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { bindDevice, provisionGateway } from '@hearth/broker';
import { startCylindersService } from '@hearth/cylinders';
import { CONTEXT_HEADER, ContextSigner, ContextVerifier, createLogger, DEMO_TENANT_ID, freePort, generateContextKeys } from '@hearth/platform';
import { loadMigrations, migrate, type Database } from '@hearth/platform/db';
import { tanksMigrations } from '@hearth/tanks';
import { startTwinsService } from '@hearth/twins';
import { EMBEDDED, freshDatabase, type DatabaseTarget } from './bench-database';
import { BENCH_COMPANY, benchCylinderId, benchCylinderTag, benchEventCount, benchSiteId, interlockTags, seedCylinderTenant } from './cylinder-fixtures';
import { fmt, progress, ratio, type BenchResult, type TableRow } from './report';
import { echoRoundTrip, noDelay } from './mqtt-echo';
import { check, epochNow, latencySummary, round, sleep } from './stats';

export interface CylindersOptions {
  /** The measured tenant's cylinders, and a second tenant's (so tenant filtering is real). */
  cylinders: number;
  otherCylinders: number;
  /** The measured tenant's sites (the other has 6). */
  sites: number;
  /** Timed runs of each stock query and of the history query (after two untimed). */
  stockRuns: number;
  historyRuns: number;
  /** The filling interlock: scales at one station, tag reads a second across them, for how long (the first `warmupSeconds` not counted). */
  scales: number;
  readsPerSecond: number;
  readSeconds: number;
  warmupSeconds: number;
}

const OTHER_TENANT = '00000000-0000-4000-8000-0000000c0002';
const GATEWAY = 'gw-filling-bench';

const STOCK_FIELDS = `sites { siteId specCode full empty inspection } inTransitFull inTransitEmpty atCustomers`;
const STOCK_SITE = `query($s: ID) { cylinderStock(siteId: $s) { ${STOCK_FIELDS} } }`;
const HISTORY = `query($id: ID!) { cylinder(id: $id) { id history(first: 20) { edges { node { event at } } } } }`;

/** The SQL of `cylinderStock` (subgraphs/cylinders/src/registry/stock/cylinder-stock.ts): the counters the database keeps, run directly: the floor. */
const STOCK_SQL = `SELECT site_key::text AS "siteId", state, n::int AS n FROM cylinders.stock_count
      WHERE tenant_id = $1 AND n > 0 AND state NOT IN ('LOST', 'SCRAPPED') AND ($2::uuid IS NULL OR site_key = $2 OR site_key = '00000000-0000-0000-0000-000000000000')`;
/** Counting the cylinders themselves, as `cylinderStock` did before the counters (migration 0007): what they replace, and what they must equal. */
const COUNTING_SQL = `SELECT location_site_id::text AS "siteId", spec_code AS "specCode", state,
            (state = 'IN_TRANSIT' AND in_transit_full) AS "full", count(*)::int AS n
       FROM cylinders.cylinder
      WHERE tenant_id = $1 AND state NOT IN ('LOST', 'SCRAPPED') AND ($2::uuid IS NULL OR location_site_id = $2 OR location_site_id IS NULL)
      GROUP BY location_site_id, spec_code, state, 4`;
/** What `cylinder(id) { history(first: 20) }` runs (the loader's row, the keyset page, its count): the floor. */
const CYLINDER_SQL = `SELECT c.id::text AS id, c.serial, c.tag, c.spec_code AS "specCode", c.state, c.manufacturer,
  c.manufactured_on::text AS "manufacturedOn", c.design_life_years AS "designLifeYears", c.last_inspected_on::text AS "lastInspectedOn",
  c.next_inspection_due::text AS "nextInspectionDue", c.owner_company AS "ownerCompany", c.fixed_station_id::text AS "fixedStationId",
  c.location_site_id::text AS "locationSiteId", c.holder_customer_id::text AS "holderCustomerId", c.transfer_order_id::text AS "transferOrderId",
  c.in_transit_full AS "inTransitFull", c.last_filled_at AS "lastFilledAt", c.last_fill_station_id::text AS "lastFillStationId",
  c.last_net_kg AS "lastNetKg", c.created_at AS "createdAt", c.updated_at AS "updatedAt"
  FROM cylinders.cylinder c WHERE c.tenant_id = $1 AND c.id = ANY($2::uuid[])`;
const HISTORY_PAGE_SQL = `SELECT id::text, at, event, from_state AS "fromState", to_state AS "toState", site_id::text AS "siteId", device_id AS "deviceId", actor, ref,
             details::text AS details, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "atKey"
  FROM cylinders.cylinder_event WHERE (tenant_id = $1 AND cylinder_id = $2) ORDER BY at DESC, id DESC LIMIT $3`;
const HISTORY_COUNT_SQL = `SELECT count(*)::int AS n FROM cylinders.cylinder_event WHERE (tenant_id = $1 AND cylinder_id = $2)`;
const EVENTS = ['REGISTER', 'STOCK_IN_EMPTY', 'FILL', 'STOCK_IN_FULL'];

interface StockAnswer {
  sites: { siteId: string; specCode: string; full: number; empty: number; inspection: number }[];
  inTransitFull: number;
  inTransitEmpty: number;
  atCustomers: number;
}
const stockTotal = (s: StockAnswer) => s.sites.reduce((n, l) => n + l.full + l.empty + l.inspection, 0) + s.inTransitFull + s.inTransitEmpty + s.atCustomers;

/**
 * A gas company's cylinders at a million: stock by location (one site, every site) and one
 * cylinder's history through the cylinders subgraph over HTTP with a signed context (as the
 * gateway calls it), each against the same SQL run directly; then tag reads at a filling
 * station's scales over MQTT → the interlock's LOCK/RELEASE command at the device, against an
 * MQTT round trip through a bare Aedes broker at the same rate.
 */
export async function cylindersBench(o: CylindersOptions, database: DatabaseTarget = EMBEDDED): Promise<BenchResult> {
  const dir = await mkdtemp(join(tmpdir(), 'hearth-bench-cylinders-'));
  const fresh = await freshDatabase(database, dir);
  const db = await fresh.open();
  const keys = generateContextKeys();
  // BENCH_LOG_LEVEL=error shows what the services log (a failed request's cause).
  const logger = createLogger('bench-cylinders', (process.env.BENCH_LOG_LEVEL as 'silent' | undefined) ?? 'silent');
  let twins: Awaited<ReturnType<typeof startTwinsService>> | undefined;
  const signer = new ContextSigner(keys.privateKeyPem);
  try {
    let t = performance.now();
    // Sites are the tanks subgraph's table; the cylinders service migrates itself (and the ledger) as it starts.
    await migrate(db, 'tanks', await loadMigrations(tanksMigrations));
    const service = await startCylindersService({ db, port: 0, host: '127.0.0.1', logger, contextVerifier: new ContextVerifier(keys.publicKeyPem) });
    try {
      const call = async <T>(query: string, variables: Record<string, unknown>, tenantId = DEMO_TENANT_ID): Promise<T> => {
        const headers = {
          'content-type': 'application/json',
          // Signed per request, as the gateway does.
          [CONTEXT_HEADER]: await signer.sign({
            tenantId,
            requestId: 'bench',
            principal: { kind: 'apiKey', id: 'bench' },
            scopes: ['cylinders:read', 'cylinders:write'],
          }),
        };
        const res = await fetch(service.graphqlUrl, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
        const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
        check(!body.errors, `GraphQL: ${JSON.stringify(body.errors)}`);
        return body.data!;
      };

      // Each tenant's GB 5842 specs, installed by the spec service on first read.
      for (const tenantId of [DEMO_TENANT_ID, OTHER_TENANT]) {
        const { cylinderSpecs } = await call<{ cylinderSpecs: { code: string }[] }>(`{ cylinderSpecs { code } }`, {}, tenantId);
        check(cylinderSpecs.length >= 5, `specs of ${tenantId}: ${cylinderSpecs.map((s) => s.code).join(', ')}`);
      }
      const seeded = await seedCylinderTenant(db, { t: 1, tenantId: DEMO_TENANT_ID, cylinders: o.cylinders, sites: o.sites }, progress);
      const other = await seedCylinderTenant(db, { t: 2, tenantId: OTHER_TENANT, cylinders: o.otherCylinders, sites: 6 }, progress);
      await db.exec('ANALYZE cylinders.cylinder');
      await db.exec('ANALYZE cylinders.cylinder_event');
      const seedSeconds = (performance.now() - t) / 1000;
      progress(`cylinders: seeded in ${round(seedSeconds)} s; stock and history queries`);

      // Stock: every site, and one site at a time (in turn).
      const expectedTotal = countInStock(o.cylinders);
      const stock = [];
      for (const c of [
        { name: 'every site', site: (_r: number) => null as string | null },
        { name: 'one site', site: (r: number) => benchSiteId(1, r % o.sites) },
      ]) {
        const api: number[] = [];
        const floor: number[] = [];
        const counting: number[] = [];
        for (let r = 0; r < o.stockRuns + 2; r++) {
          const siteId = c.site(r);
          t = performance.now();
          const { cylinderStock } = await call<{ cylinderStock: StockAnswer }>(STOCK_SITE, { s: siteId });
          if (r >= 2) api.push(performance.now() - t);
          t = performance.now();
          const rows = await db.query<{ siteId: string | null; state: string; n: number }>(STOCK_SQL, [DEMO_TENANT_ID, siteId]);
          if (r >= 2) floor.push(performance.now() - t);
          t = performance.now();
          const counted = await db.query<{ n: number }>(COUNTING_SQL, [DEMO_TENANT_ID, siteId]);
          if (r >= 2) counting.push(performance.now() - t);
          const floorTotal = rows.reduce((n, x) => n + x.n, 0);
          check(stockTotal(cylinderStock) === floorTotal, `${c.name} ${siteId}: subgraph counts ${stockTotal(cylinderStock)}, the SQL ${floorTotal}`);
          const countedTotal = counted.reduce((n, x) => n + x.n, 0);
          check(floorTotal === countedTotal, `${c.name} ${siteId}: the counters say ${floorTotal}, the cylinders ${countedTotal}`);
          if (siteId)
            check(
              cylinderStock.sites.every((l) => l.siteId === siteId),
              `stock of ${siteId} lists other sites`,
            );
          else check(floorTotal === expectedTotal, `company-wide stock ${floorTotal}, expected ${expectedTotal} (another tenant's counted?)`);
        }
        stock.push({ name: c.name, api: latencySummary(api), floor: latencySummary(floor), counting: latencySummary(counting) });
      }
      const plans = {
        everySite: await explain(db, STOCK_SQL, [DEMO_TENANT_ID, null]),
        oneSite: await explain(db, STOCK_SQL, [DEMO_TENANT_ID, benchSiteId(1, 7 % o.sites)]),
        countingEverySite: await explain(db, COUNTING_SQL, [DEMO_TENANT_ID, null]),
      };

      // One cylinder's newest 20 events, random cylinders.
      const historyApi: number[] = [];
      const historyFloor: number[] = [];
      for (let r = 0; r < o.historyRuns + 2; r++) {
        const i = 1 + Math.floor(Math.random() * o.cylinders);
        const id = benchCylinderId(1, i);
        t = performance.now();
        const { cylinder } = await call<{ cylinder: { id: string; history: { edges: { node: { event: string } }[] } } | null }>(HISTORY, { id });
        if (r >= 2) historyApi.push(performance.now() - t);
        t = performance.now();
        await db.query(CYLINDER_SQL, [DEMO_TENANT_ID, [id]]);
        await db.query(HISTORY_PAGE_SQL, [DEMO_TENANT_ID, id, 21]);
        await db.query(HISTORY_COUNT_SQL, [DEMO_TENANT_ID, id]);
        if (r >= 2) historyFloor.push(performance.now() - t);
        const events = cylinder?.history.edges.map((e) => e.node.event) ?? [];
        const n = benchEventCount(i);
        check(events.length === n && events[0] === EVENTS[n - 1], `history of cylinder ${i}: ${events.join(', ')}`);
      }
      // Another tenant's cylinder is nobody's here.
      const { cylinder: foreign } = await call<{ cylinder: unknown }>(HISTORY, { id: benchCylinderId(2, 1) });
      check(foreign === null, 'the other tenant’s cylinder was shown');
      const historyPlan = await explain(db, HISTORY_PAGE_SQL, [DEMO_TENANT_ID, benchCylinderId(1, Math.ceil(o.cylinders / 2)), 21]);

      // The filling interlock: one station, its scales bound to one IoT gateway.
      progress(`cylinders: filling interlock, ${o.scales} scales, ${o.readsPerSecond} tag reads/s for ${o.readSeconds} s`);
      const stationId = benchSiteId(1, 0);
      await call(`mutation($i: SaveFillingStationInput!) { saveFillingStation(input: $i) { company } }`, { i: { siteId: stationId, company: BENCH_COMPANY } });
      const scaleIds = Array.from({ length: o.scales }, (_, k) => `scale-${k + 1}`);
      for (const [k, id] of scaleIds.entries())
        await call(`mutation($i: RegisterFillingScaleInput!) { registerFillingScale(input: $i) { id } }`, { i: { id, stationId, name: `Line ${k + 1}` } });
      twins = await startTwinsService({
        db,
        port: 0,
        host: '127.0.0.1',
        logger,
        contextVerifier: new ContextVerifier(keys.publicKeyPem),
        mqtt: { tcpPort: await freePort(), host: '127.0.0.1' },
        fleetPort: 0,
      });
      const gateway = await provisionGateway(db, { id: GATEWAY, tenantId: DEMO_TENANT_ID, name: 'Filling line' });
      for (const id of scaleIds) await bindDevice(db, { kind: 'scale', id, tenantId: DEMO_TENANT_ID, gatewayId: GATEWAY });
      const interlock = await measureInterlock(o, db, `mqtt://127.0.0.1:${twins.mqttPorts.tcpPort}`, gateway.secret, scaleIds);
      const peer = await echoRoundTrip({ rate: o.readsPerSecond, seconds: o.readSeconds, warmupSeconds: o.warmupSeconds, devices: o.scales });

      const rows: TableRow[] = [
        ...stock.map((s) => ({
          measure: `cylinderStock, ${s.name}, ${fmt(o.cylinders)} cylinders: p50 / p99 ms`,
          value: `${fmt(s.api.p50Ms)} / ${fmt(s.api.p99Ms)}`,
          reference: `${fmt(s.floor.p50Ms)} / ${fmt(s.floor.p99Ms)} (same SQL in the database)`,
          ratio: ratio(s.api.p99Ms, s.floor.p99Ms),
        })),
        ...stock.map((s) => ({
          measure: `… ${s.name} counted from the cylinders, as before the counters: p50 / p99 ms`,
          value: `${fmt(s.counting.p50Ms)} / ${fmt(s.counting.p99Ms)}`,
          reference: `${fmt(s.floor.p50Ms)} / ${fmt(s.floor.p99Ms)} (the counters, same totals)`,
          ratio: ratio(s.counting.p99Ms, s.floor.p99Ms),
        })),
        {
          measure: `cylinder(id) { history(first: 20) }, ${fmt(seeded.events)} events: p50 / p99 ms`,
          value: `${fmt(latencySummary(historyApi).p50Ms)} / ${fmt(latencySummary(historyApi).p99Ms)}`,
          reference: `${fmt(latencySummary(historyFloor).p50Ms)} / ${fmt(latencySummary(historyFloor).p99Ms)} (row, page and count in the database)`,
          ratio: ratio(latencySummary(historyApi).p99Ms, latencySummary(historyFloor).p99Ms),
        },
        {
          measure: `tag read → LOCK/RELEASE at the device, ${o.readsPerSecond}/s over ${o.scales} scales: p50 / p99 ms`,
          value: `${fmt(interlock.latency.p50Ms)} / ${fmt(interlock.latency.p99Ms)} (${fmt(interlock.answered)} answered, ${fmt(interlock.superseded)} superseded)`,
          reference: `${fmt(peer.p50Ms)} / ${fmt(peer.p99Ms)} (MQTT round trip via bare Aedes, same rate)`,
          ratio: ratio(interlock.latency.p99Ms, peer.p99Ms),
        },
        { measure: 'every command as the registry decides (good tags released, refused locked with the reason)', value: 'yes' },
      ];
      return {
        figures: {
          cylinders: o.cylinders,
          otherTenantCylinders: o.otherCylinders,
          sites: o.sites,
          events: seeded.events,
          otherTenantEvents: other.events,
          seedSeconds: round(seedSeconds, 1),
          stock,
          plans: { ...plans, history: historyPlan },
          history: { api: latencySummary(historyApi), floor: latencySummary(historyFloor) },
          interlock,
          peer: { what: 'MQTT QoS 1 publish → echo by a second client → back, bare Aedes in this process, same rate', ...peer },
        },
        rows,
      };
    } finally {
      await twins?.close();
      await service.close();
    }
  } finally {
    await db.close();
    await fresh.remove();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Cylinders of the measured tenant in some stock (not lost or scrapped), from the fixtures' rule. */
function countInStock(cylinders: number): number {
  let n = 0;
  for (let i = 1; i <= cylinders; i++) if (i % 100 < 97) n++;
  return n;
}

/** The database's own execution time of a statement and its plan's node types. */
async function explain(db: Database, sql: string, params: unknown[]): Promise<{ executionMs: number; nodes: string[] }> {
  const [row] = await db.query<Record<string, unknown>>(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, params);
  const raw = Object.values(row!)[0];
  const [plan] = (typeof raw === 'string' ? JSON.parse(raw) : raw) as [{ 'Execution Time': number; Plan: PlanNode }];
  const nodes: string[] = [];
  const walk = (p: PlanNode) => {
    nodes.push(p['Index Name'] ? `${p['Node Type']} (${p['Index Name']})` : p['Node Type']);
    for (const c of p.Plans ?? []) walk(c);
  };
  walk(plan.Plan);
  return { executionMs: round(plan['Execution Time'], 1), nodes: [...new Set(nodes)] };
}
type PlanNode = { 'Node Type': string; 'Index Name'?: string; Plans?: PlanNode[] };

interface Read {
  n: number;
  scale: number;
  tag: string;
  expect: { action: 'RELEASE' | 'LOCK'; cylinderId: string | null; reason: string | null };
  at: number;
  measured: boolean;
}

/**
 * Tag reads published as the filling station's IoT gateway (QoS 1), `readsPerSecond` paced over
 * the scales in turn, distinct tags (never a repeat within a presentation): 70 % cylinders the
 * check passes, the rest refused (scrapped, inspection overdue, another company's, full; a tag
 * nobody registered; another tenant's). Each LOCK/RELEASE command is matched to the oldest
 * unanswered read of its scale with the same expected answer, acknowledged as a device would, and
 * timed from that read's publish. A read a newer one overtook before it was decided is
 * "superseded" (the interlock decides a scale's latest presentation); any other answer fails.
 */
async function measureInterlock(o: CylindersOptions, db: Database, mqttUrl: string, secret: string, scaleIds: string[]) {
  const total = Math.round(o.readsPerSecond * o.readSeconds);
  const refusedEach = Math.ceil(total / 10 / 4) + 1;
  const tags = await interlockTags(db, DEMO_TENANT_ID, { good: Math.ceil(total * 0.7) + 1, refused: refusedEach });
  const refusedByReason = new Map<string, typeof tags.refused>();
  for (const r of tags.refused) refusedByReason.set(r.reason, [...(refusedByReason.get(r.reason) ?? []), r]);
  check(
    tags.good.length > total * 0.7 && refusedByReason.size === 4,
    `interlock tags: ${tags.good.length} good, reasons ${[...refusedByReason.keys()].join(', ')}`,
  );
  const reasons = [...refusedByReason.values()];
  let good = 0;
  const refusedAt = new Map<number, number>();
  const readFor = (n: number): Omit<Read, 'at' | 'measured'> => {
    const scale = n % scaleIds.length;
    const slot = n % 10;
    if (slot < 7) {
      const c = tags.good[good++]!;
      return { n, scale, tag: c.tag, expect: { action: 'RELEASE', cylinderId: c.id, reason: null } };
    }
    if (slot === 7) {
      const kind = Math.floor(n / 10) % reasons.length;
      const k = refusedAt.get(kind) ?? 0;
      refusedAt.set(kind, k + 1);
      const c = reasons[kind]![k % reasons[kind]!.length]!;
      return { n, scale, tag: c.tag, expect: { action: 'LOCK', cylinderId: c.id, reason: c.reason } };
    }
    // Nobody's tag, and another tenant's cylinder: unregistered for this tenant either way.
    const tag = slot === 8 ? `E299${String(n).padStart(10, '0')}` : benchCylinderTag(2, 1 + n);
    return { n, scale, tag, expect: { action: 'LOCK', cylinderId: null, reason: 'UNREGISTERED' } };
  };

  const client = noDelay(
    await mqtt.connectAsync(mqttUrl, { username: GATEWAY, password: secret, clientId: `${GATEWAY}-line`, reconnectPeriod: 0, keepalive: 60 }),
  );
  const outstanding = scaleIds.map(() => [] as Read[]);
  const latencies: number[] = [];
  const mismatches: string[] = [];
  let answered = 0;
  let superseded = 0;
  let acksFailed = 0;
  let publishFailed = 0;
  client.on('message', (topic, payload) => {
    const arrived = epochNow();
    const scaleId = topic.split('/')[4]!;
    const scale = scaleIds.indexOf(scaleId);
    const command = JSON.parse(payload.toString()) as { id: string; action: string; cylinderId: string | null; reason: string | null };
    client.publish(`${topic}/ack`, JSON.stringify({ id: command.id, status: 'done' }), { qos: 1 }, (err) => void (err && acksFailed++));
    const queue = outstanding[scale] ?? [];
    const at = queue.findIndex(
      (r) => r.expect.action === command.action && r.expect.cylinderId === command.cylinderId && r.expect.reason === (command.reason ?? null),
    );
    if (at < 0) {
      mismatches.push(`${scaleId}: ${JSON.stringify(command)} answers none of ${JSON.stringify(queue.map((r) => [r.tag, r.expect]))}`);
      return;
    }
    superseded += at;
    const [read] = queue.splice(0, at + 1).slice(-1);
    answered++;
    if (read!.measured) latencies.push(arrived - read!.at);
  });
  await client.subscribeAsync(`hearth/v1/${GATEWAY}/scale/+/command`, { qos: 1 });
  const seq = scaleIds.map(() => 0);
  const warmup = Math.round(o.readsPerSecond * o.warmupSeconds);
  const started = performance.now();
  let sent = 0;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * o.readsPerSecond));
      for (; sent < due; sent++) {
        const read: Read = { ...readFor(sent), at: epochNow(), measured: sent >= warmup };
        outstanding[read.scale]!.push(read);
        const body = { type: 'TAG_READ', tag: read.tag, seq: ++seq[read.scale]!, ts: new Date().toISOString() };
        client.publish(`hearth/v1/${GATEWAY}/scale/${scaleIds[read.scale]}/event`, JSON.stringify(body), { qos: 1 }, (err) => void (err && publishFailed++));
      }
      if (sent >= total) {
        clearInterval(timer);
        resolve();
      }
    }, 2);
  });
  // The last reads' answers: each scale's newest read is always decided.
  const deadline = Date.now() + 60_000;
  while (outstanding.some((q) => q.length > 0) && mismatches.length === 0 && Date.now() < deadline) await sleep(20);
  await sleep(200);
  await client.endAsync();
  check(mismatches.length === 0, `interlock answers: ${mismatches.slice(0, 3).join('; ')}`);
  check(publishFailed === 0 && acksFailed === 0, `${publishFailed} tag reads and ${acksFailed} acknowledgements not acknowledged by the broker`);
  const left = outstanding.reduce((n, q) => n + q.length, 0);
  check(left === 0, `${left} tag reads never answered`);
  check(answered + superseded === total, `${answered} answered + ${superseded} superseded ≠ ${total} reads`);
  return { reads: total, measuredReads: total - warmup, answered, superseded, latency: latencySummary(latencies) };
}
