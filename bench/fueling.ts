import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import { bindDevice, provisionGateway } from '@hearth/broker';
import { customersMigrations } from '@hearth/customers';
import { startFuelingService } from '@hearth/fueling';
import { ContextVerifier, createLogger, DEMO_TENANT_ID, freePort, generateContextKeys } from '@hearth/platform';
import { loadMigrations, migrate } from '@hearth/platform/db';
import { booksBalance } from '@hearth/platform/ledger';
import { tanksMigrations } from '@hearth/tanks';
import { startTwinsService } from '@hearth/twins';
import { EMBEDDED, freshDatabase, type DatabaseTarget } from './bench-database';
import { benchCardNumber, measureLedgerPostings, seedFuelTenant, type FuelBenchSeed } from './fueling-fixtures';
import { echoRoundTrip, noDelay } from './mqtt-echo';
import { fmt, progress, ratio, type BenchResult, type TableRow } from './report';
import { check, epochNow, latencySummary, round, sleep } from './stats';

export interface FuelingOptions {
  /** Stations, each behind an IoT gateway of its own, and pumps at each. */
  stations: number;
  pumpsPerStation: number;
  /** Anonymous stored-value cards, each with money enough for every sale it is given. */
  cards: number;
  /** Card reads a second over every pump, for how long (the first `warmupSeconds` not counted). */
  authPerSecond: number;
  authSeconds: number;
  warmupSeconds: number;
  /** A day of offline sales per station, uploaded by every station at once in messages of `batch` sales. */
  salesPerStation: number;
  batch: number;
}

/**
 * IC-card fuel stations (ADR 0017): card reads at every pump over MQTT → the card host's AUTHORIZE
 * at the device (stored, decided with the account locked and the amount held, answered as an
 * audited command), against an MQTT round trip through a bare Aedes broker at the same rate; then
 * every station uploading a day of offline sales at once, some twice, each settled once with its
 * debit, against the ledger posting the same debits alone in the same database.
 */
export async function fuelingBench(o: FuelingOptions, database: DatabaseTarget = EMBEDDED): Promise<BenchResult> {
  const dir = await mkdtemp(join(tmpdir(), 'hearth-bench-fueling-'));
  const fresh = await freshDatabase(database, dir);
  const db = await fresh.open();
  const keys = generateContextKeys();
  const logger = createLogger('bench-fueling', (process.env.BENCH_LOG_LEVEL as 'silent' | undefined) ?? 'silent');
  const contextVerifier = new ContextVerifier(keys.publicKeyPem);
  let fueling: Awaited<ReturnType<typeof startFuelingService>> | undefined;
  let twins: Awaited<ReturnType<typeof startTwinsService>> | undefined;
  try {
    // Stations are the tanks subgraph's sites and card holders the customers subgraph's: their tables are contracts.
    await migrate(db, 'tanks', await loadMigrations(tanksMigrations));
    await migrate(db, 'customers', await loadMigrations(customersMigrations));
    fueling = await startFuelingService({ db, port: 0, host: '127.0.0.1', logger, contextVerifier });
    twins = await startTwinsService({
      db,
      port: 0,
      host: '127.0.0.1',
      logger,
      contextVerifier,
      mqtt: { tcpPort: await freePort(), host: '127.0.0.1' },
      fleetPort: 0,
    });
    let t = performance.now();
    const seed = await seedFuelTenant(db, DEMO_TENANT_ID, o);
    for (const station of seed.stations) {
      station.secret = (await provisionGateway(db, { id: station.gatewayId, tenantId: DEMO_TENANT_ID, name: station.gatewayId })).secret;
      for (const pumpId of station.pumps) await bindDevice(db, { kind: 'pump', id: pumpId, tenantId: DEMO_TENANT_ID, gatewayId: station.gatewayId });
    }
    progress(`fueling: ${o.stations} stations, ${seed.pumps} pumps, ${fmt(o.cards)} cards seeded in ${round((performance.now() - t) / 1000)} s`);
    const mqttUrl = `mqtt://127.0.0.1:${twins.mqttPorts.tcpPort}`;
    const clients = await Promise.all(
      seed.stations.map(async (s) =>
        noDelay(await mqtt.connectAsync(mqttUrl, { username: s.gatewayId, password: s.secret, clientId: `${s.gatewayId}-fcc`, reconnectPeriod: 0 })),
      ),
    );
    try {
      progress(`fueling: card reads, ${o.authPerSecond}/s over ${seed.pumps} pumps for ${o.authSeconds} s`);
      const auth = await measureAuthorisations(o, seed, clients);
      const peer = await echoRoundTrip({ rate: o.authPerSecond, seconds: o.authSeconds, warmupSeconds: o.warmupSeconds, devices: seed.pumps });
      progress(`fueling: ${o.stations} stations upload ${fmt(o.salesPerStation)} offline sales each at once`);
      const settlement = await measureSettlement(o, seed, clients, db);
      const books = await booksBalance(db, DEMO_TENANT_ID);
      check(books.sumOfEntriesMinor === 0 && books.sumOfBalancesMinor === 0, `the books do not balance after settlement: ${JSON.stringify(books)}`);
      const ledger = await measureLedgerPostings(db, DEMO_TENANT_ID, seed, Math.min(settlement.sales, 2_000));
      const rows: TableRow[] = [
        {
          measure: `AUTH_REQUEST → AUTHORIZE at the pump, ${o.authPerSecond}/s over ${seed.pumps} pumps: p50 / p99 ms`,
          value: `${fmt(auth.latency.p50Ms)} / ${fmt(auth.latency.p99Ms)} (${fmt(auth.answered)} answered)`,
          reference: `${fmt(peer.p50Ms)} / ${fmt(peer.p99Ms)} (MQTT round trip via bare Aedes, same rate)`,
          ratio: ratio(auth.latency.p99Ms, peer.p99Ms),
        },
        {
          measure: `${o.stations} stations upload ${fmt(settlement.sales)} offline sales at once (${fmt(settlement.repeats)} twice): settled/s`,
          value: `${fmt(settlement.perSecond)} (all stored in ${fmt(settlement.storedSeconds, ' s')}, settled in ${fmt(settlement.seconds, ' s')})`,
          reference: `${fmt(ledger.perSecond)} (the same debits posted by the ledger alone, one transaction each)`,
          ratio: ratio(settlement.perSecond, ledger.perSecond),
        },
        { measure: 'each sale settled once, each card debited once, the books balanced', value: 'yes' },
      ];
      return { figures: { ...o, pumps: seed.pumps, auth, peer, settlement, ledger, database: database.mode }, rows };
    } finally {
      await Promise.all(clients.map((c) => c.endAsync()));
    }
  } finally {
    await twins?.close();
    await fueling?.close();
    await db.close();
    await fresh.remove();
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Card reads published as each station's controller (QoS 1), paced over every pump in turn, each
 * with a card of its own turn and a preset; each AUTHORIZE is matched to its pump's read, timed
 * from the read's publish, and acknowledged as a pump would. Every answer must be AUTHORIZE for
 * the preset (every card has the money).
 */
async function measureAuthorisations(o: FuelingOptions, seed: FuelBenchSeed, clients: MqttClient[]) {
  const total = Math.round(o.authPerSecond * o.authSeconds);
  const warmup = Math.round(o.authPerSecond * o.warmupSeconds);
  const pumps = seed.stations.flatMap((s, k) => s.pumps.map((pumpId) => ({ pumpId, client: clients[k]!, gatewayId: s.gatewayId })));
  const waiting = new Map<string, { at: number; measured: boolean }[]>();
  const latencies: number[] = [];
  const wrong: string[] = [];
  let answered = 0;
  for (const client of clients)
    client.on('message', (topic, payload) => {
      if (!topic.endsWith('/command')) return;
      const arrived = epochNow();
      const command = JSON.parse(payload.toString()) as { id: string; action: string; limitMinor: number };
      client.publish(`${topic}/ack`, JSON.stringify({ id: command.id, status: 'done' }), { qos: 1 });
      const pumpId = topic.split('/')[4]!;
      const read = waiting.get(pumpId)?.shift();
      if (!read || command.action !== 'AUTHORIZE' || command.limitMinor !== 10_000) {
        wrong.push(`${pumpId}: ${JSON.stringify(command)}`);
        return;
      }
      answered++;
      if (read.measured) latencies.push(arrived - read.at);
    });
  await Promise.all(seed.stations.map((s, k) => clients[k]!.subscribeAsync(`hearth/v1/${s.gatewayId}/pump/+/command`, { qos: 1 })));
  const started = performance.now();
  let sent = 0;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * o.authPerSecond));
      for (; sent < due; sent++) {
        const pump = pumps[sent % pumps.length]!;
        const queue = waiting.get(pump.pumpId) ?? [];
        queue.push({ at: epochNow(), measured: sent >= warmup });
        waiting.set(pump.pumpId, queue);
        const body = { type: 'AUTH_REQUEST', seq: sent + 1, cardNumber: benchCardNumber(sent % o.cards), nozzle: 1, presetMinor: 10_000 };
        pump.client.publish(`hearth/v1/${pump.gatewayId}/pump/${pump.pumpId}/event`, JSON.stringify(body), { qos: 1 });
      }
      if (sent >= total) {
        clearInterval(timer);
        resolve();
      }
    }, 2);
  });
  const deadline = Date.now() + 60_000;
  while (answered < total && wrong.length === 0 && Date.now() < deadline) await sleep(20);
  check(wrong.length === 0, `card host answers: ${wrong.slice(0, 3).join('; ')}`);
  check(answered === total, `${total - answered} card reads never answered`);
  return { reads: total, measuredReads: total - warmup, answered, latency: latencySummary(latencies) };
}

/**
 * Every station uploads its day of offline sales at once, `batch` TRANSACTIONs a message (QoS 1:
 * acknowledged = stored), every tenth message a second time (a controller that lost its PUBACK);
 * timed from the first publish until the last sale is settled. Each (pump, counter) must settle
 * once, with one debit.
 */
async function measureSettlement(o: FuelingOptions, seed: FuelBenchSeed, clients: MqttClient[], db: Parameters<typeof booksBalance>[0]) {
  const started = epochNow();
  let repeats = 0;
  const uploads = seed.stations.map(async (station, k) => {
    const client = clients[k]!;
    const sales = Array.from({ length: o.salesPerStation }, (_, n) =>
      saleOf(station.pumps[n % station.pumps.length]!, Math.floor(n / station.pumps.length) + 1, k * o.salesPerStation + n, o.cards),
    );
    for (let i = 0, m = 0; i < sales.length; i += o.batch, m++) {
      const chunk = sales.slice(i, i + o.batch);
      for (const pumpId of new Set(chunk.map((c) => c.pumpId))) {
        const events = chunk.filter((c) => c.pumpId === pumpId).map(({ pumpId: _p, ...e }) => e);
        const topic = `hearth/v1/${station.gatewayId}/pump/${pumpId}/event`;
        await client.publishAsync(topic, JSON.stringify(events), { qos: 1 });
        if (m % 10 === 0) {
          // Uploaded again after a restart, without the seq that would tell the broker: stored again, settled once.
          repeats += events.length;
          await client.publishAsync(topic, JSON.stringify(events.map(({ seq: _seq, ...e }) => e)), { qos: 1 });
        }
      }
    }
  });
  await Promise.all(uploads);
  const storedSeconds = (epochNow() - started) / 1000;
  const total = o.stations * o.salesPerStation;
  const deadline = Date.now() + 600_000;
  let settled = 0;
  while (Date.now() < deadline) {
    [{ settled }] = (await db.query<{ settled: number }>(`SELECT count(*)::int AS settled FROM fueling.sale`)) as [{ settled: number }];
    if (settled >= total) break;
    await sleep(100);
  }
  const seconds = (epochNow() - started) / 1000;
  check(settled === total, `${settled} of ${total} sales settled`);
  const [debits] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ledger.journal WHERE kind = 'FUEL_SALE'`);
  check(debits!.n === total, `${debits!.n} debits for ${total} sales`);
  return { sales: total, repeats, storedSeconds: round(storedSeconds, 1), seconds: round(seconds, 1), perSecond: round(total / seconds) };
}

/** A sale of 20 L of 92# at ¥7.45, counters and totalisers following on per pump. */
function saleOf(pumpId: string, counter: number, n: number, cards: number) {
  const endedAt = new Date(Date.now() - 3_600_000 + n);
  return {
    pumpId,
    type: 'TRANSACTION',
    // Above the card reads' seqs of the same pump: each event is new to the twin.
    seq: 1_000_000 + counter,
    counter,
    cardNumber: benchCardNumber(n % cards),
    nozzle: 1,
    grade: '92#',
    volumeMl: 20_000,
    unitPriceMinor: 745,
    amountMinor: 14_900,
    totalizerStartMl: (counter - 1) * 20_000,
    totalizerEndMl: counter * 20_000,
    startedAt: new Date(endedAt.getTime() - 120_000).toISOString(),
    endedAt: endedAt.toISOString(),
  };
}
