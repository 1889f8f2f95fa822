import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brokerMigrations } from '@hearth/broker';
import { customersMigrations } from '@hearth/customers';
import { startMeteringService } from '@hearth/metering';
import { ContextVerifier, createLogger, DEMO_TENANT_ID, freePort, generateContextKeys } from '@hearth/platform';
import { EmbeddedDatabase, loadMigrations, migrate } from '@hearth/platform/db';
import { booksBalance } from '@hearth/platform/ledger';
import { tanksMigrations } from '@hearth/tanks';
import { startTwinsService } from '@hearth/twins';
import { EMBEDDED, freshDatabase, type DatabaseTarget } from './bench-database';
import { measureMeterLedgerPostings, seedMeterFleet, WALLET_MONEY } from './metering-fixtures';
import { MeterPublisher } from './metering-publisher';
import { fmt, progress, ratio, type BenchResult, type TableRow } from './report';
import { traceSql } from './sql-trace';
import { check, epochNow, latencySummary, round, sleep } from './stats';

export interface MeteringOptions {
  /** Prepaid meters, all bound and with a baseline, `metersPerGateway` behind each metering gateway. */
  meters: number;
  metersPerGateway: number;
  /** Bound through the metering service one by one (the rest in bulk). */
  boundThroughService: number;
  /** Readings published at once: the backlog the pipeline works off. */
  backlog: number;
  /** Readings a second at the meters' reporting rate (100,000 every 15 min ≈ 111/s), for how long. */
  rate: number;
  seconds: number;
  /** The ledger alone: debits posted one transaction each. */
  ledgerPostings: number;
}

/**
 * Prepaid metering (#16): meters report their registers over MQTT (QoS 1) through the twins' meter
 * kind, which stores each reading; the metering service follows the readings table and charges
 * each once on the ledger (the wallet's debit in the same transaction), and the charge's balance
 * notice (`metering_meter_balance`, sent on commit) marks it charged. Three figures: charges per
 * second working off a backlog of readings published at once, against the ledger alone posting the
 * same debits one transaction each; the lag from a reading's publish to its charge committed at the
 * meters' own rate; and the CPU the stack (the twins with their broker, the metering service and the
 * embedded database, all in this process) takes per wall second at that rate. The meters are played
 * by a process of their own.
 */
export async function meteringBench(o: MeteringOptions, database: DatabaseTarget = EMBEDDED): Promise<BenchResult> {
  check(o.backlog + o.rate * o.seconds <= o.meters, 'each meter reports once: backlog + rate × seconds must not exceed the meters');
  const dir = await mkdtemp(join(tmpdir(), 'hearth-bench-metering-'));
  const fresh = await freshDatabase(database, dir);
  const db = await fresh.open();
  const keys = generateContextKeys();
  const logger = createLogger('bench-metering', (process.env.BENCH_LOG_LEVEL as 'silent' | undefined) ?? 'silent');
  const contextVerifier = new ContextVerifier(keys.publicKeyPem);
  let metering: Awaited<ReturnType<typeof startMeteringService>> | undefined;
  let twins: Awaited<ReturnType<typeof startTwinsService>> | undefined;
  const publisher = MeterPublisher.start();
  try {
    // Meters stand at sites of the tanks subgraph and are bound to customers of the customers subgraph: their tables are contracts.
    await migrate(db, 'tanks', await loadMigrations(tanksMigrations));
    await migrate(db, 'customers', await loadMigrations(customersMigrations));
    // The gateways and their meters are provisioned before the twins service starts (as bench/seed-fleet.ts does).
    await migrate(db, 'fleet', await loadMigrations(brokerMigrations));
    metering = await startMeteringService({ db, port: 0, host: '127.0.0.1', logger, contextVerifier });
    const started = performance.now();
    const fleet = await seedMeterFleet(db, metering.services, DEMO_TENANT_ID, o);
    progress(
      `metering: ${fmt(o.meters)} meters imported, bound (${fmt(o.boundThroughService)} through the service) and given a baseline in ${round((performance.now() - started) / 1000)} s ${JSON.stringify(fleet.seconds)}`,
    );
    // After the seed: the twins learn every meter's place and balance at start, as after a restart.
    twins = await startTwinsService({
      db,
      port: 0,
      host: '127.0.0.1',
      logger,
      contextVerifier,
      mqtt: { tcpPort: await freePort(), host: '127.0.0.1' },
      fleetPort: 0,
    });
    const mqttUrl = `mqtt://127.0.0.1:${twins.mqttPorts.tcpPort}`;
    await publisher.connect(mqttUrl, fleet.gateways);

    // Each charge batch tells the twins its meters' balances on commit: that notice is "charged".
    const chargedAt = new Map<string, number>();
    // (The supply sweep tells the same channel of wallets it sees for the first time: those still hold all their money.)
    const unlisten = await db.listen('metering_meter_balance', (payload) => {
      const { meterId, balanceMinor } = JSON.parse(payload) as { meterId: string; balanceMinor: number };
      if (balanceMinor < WALLET_MONEY && !chargedAt.has(meterId)) chargedAt.set(meterId, epochNow());
    });
    try {
      const meterIds = fleet.meters.map((m) => m.id);
      // The supply sweep's first look at every wallet (as after a deploy) is over before anything is timed.
      await waitFor(
        async () => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM metering.wallet_seen`))[0]!.n >= o.meters,
        300_000,
        () => 'the supply sweep has not seen every wallet',
      );
      const idle = await cpuWhile(() => sleep(3_000));
      // BENCH_TRACE_SQL=1: the statements of the timed phases, counted and timed (see sql-trace.ts), printed at the end.
      const sqlReport = process.env.BENCH_TRACE_SQL && db instanceof EmbeddedDatabase ? traceSql(db.session) : null;

      progress(`metering: ${fmt(o.backlog)} readings published at once`);
      const registerKwh = fleet.baselineKwh + 0.5;
      const burst = await publisher.burst(0, o.backlog, registerKwh);
      const backlogIds = meterIds.slice(0, o.backlog);
      await waitFor(
        () => backlogIds.every((id) => chargedAt.has(id)),
        300_000,
        () => `${backlogIds.filter((id) => chargedAt.has(id)).length} of ${o.backlog} charged`,
      );
      const lastCharged = Math.max(...backlogIds.map((id) => chargedAt.get(id)!));
      const backlogSeconds = (lastCharged - burst.firstAt) / 1000;
      const backlog = {
        readings: o.backlog,
        storedSeconds: round((burst.ackedAt - burst.firstAt) / 1000, 1),
        chargedSeconds: round(backlogSeconds, 1),
        perSecond: round(o.backlog / backlogSeconds),
      };

      progress(`metering: ${o.rate} readings/s for ${o.seconds} s (${fmt(o.meters)} meters every 15 minutes)`);
      const from = o.backlog;
      let paced!: Awaited<ReturnType<MeterPublisher['paced']>>;
      const cpu = await cpuWhile(async () => {
        paced = await publisher.paced(from, o.rate, o.seconds, registerKwh);
      });
      const pacedIds = meterIds.slice(from, from + paced.at.length);
      await waitFor(
        () => pacedIds.every((id) => chargedAt.has(id)),
        120_000,
        () => `${pacedIds.filter((id) => chargedAt.has(id)).length} of ${pacedIds.length} charged`,
      );
      const lag = latencySummary(pacedIds.map((id, k) => chargedAt.get(id)! - paced.at[k]!));
      if (sqlReport) progress(`metering: statements of the timed phases\n${sqlReport()}`);

      const charged = await db.query<{ status: string; n: number }>(`SELECT status, count(*)::int AS n FROM metering.charge GROUP BY status ORDER BY status`);
      const readings = o.backlog + pacedIds.length;
      check(
        charged.length === 1 && charged[0]!.status === 'CHARGED' && charged[0]!.n === readings,
        `charges: ${JSON.stringify(charged)} for ${readings} readings`,
      );
      const [debits] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ledger.journal WHERE kind = 'METER_CHARGE'`);
      check(debits!.n === readings, `${debits!.n} debits for ${readings} readings`);
      const books = await booksBalance(db, DEMO_TENANT_ID);
      check(books.sumOfEntriesMinor === 0 && books.sumOfBalancesMinor === 0, `the books do not balance: ${JSON.stringify(books)}`);

      progress(`metering: the ledger alone posts ${fmt(o.ledgerPostings)} debits`);
      const ledger = await measureMeterLedgerPostings(
        db,
        DEMO_TENANT_ID,
        fleet.meters.map((m) => m.accountId),
        o.ledgerPostings,
      );
      const cores = cpu.seconds / cpu.wall;
      const rows: TableRow[] = [
        {
          measure: `${fmt(o.backlog)} readings published at once over MQTT: charged/s (each with its debit)`,
          value: `${fmt(backlog.perSecond)} (all stored in ${fmt(backlog.storedSeconds, ' s')}, charged in ${fmt(backlog.chargedSeconds, ' s')})`,
          reference: `${fmt(ledger.perSecond)} (the same debits posted by the ledger alone, one transaction each)`,
          ratio: ratio(backlog.perSecond, ledger.perSecond),
        },
        {
          measure: `reading published → charge committed, ${o.rate}/s for ${o.seconds} s (${fmt(o.meters)} meters every 15 min): p50 / p99 ms`,
          value: `${fmt(lag.p50Ms)} / ${fmt(lag.p99Ms)} (max ${fmt(lag.maxMs)}, ${fmt(lag.count)} readings)`,
          reference: `${fmt(o.rate * 900)} meters at 15 min`,
        },
        {
          measure: `CPU of the stack process (twins + broker + metering + embedded database) at ${o.rate}/s: cores`,
          value: `${fmt(round(cores, 3))} of a core (${fmt(round(cpu.seconds, 1))} CPU s in ${fmt(round(cpu.wall, 1))} s)`,
          reference: `${fmt(round(idle.seconds / idle.wall, 3))} idle; publisher process ${fmt(round(paced.cpuSeconds / cpu.wall, 3))}`,
        },
        { measure: 'each reading charged once with one debit, the books balanced', value: 'yes' },
      ];
      return {
        figures: {
          ...o,
          seeding: fleet.seconds,
          backlog,
          lag,
          cpu: { cores: round(cores, 3), cpuSeconds: round(cpu.seconds, 2), wallSeconds: round(cpu.wall, 2), idleCores: round(idle.seconds / idle.wall, 3) },
          publisherCpuSeconds: round(paced.cpuSeconds, 2),
          ledger,
          database: database.mode,
        },
        rows,
      };
    } finally {
      await unlisten();
    }
  } finally {
    await publisher.close();
    await twins?.close();
    await metering?.close();
    await db.close();
    await fresh.remove();
    await rm(dir, { recursive: true, force: true });
  }
}

/** This process's CPU seconds (user + system) and the wall seconds while `work` runs. */
async function cpuWhile(work: () => Promise<void>): Promise<{ seconds: number; wall: number }> {
  const before = process.cpuUsage();
  const t = performance.now();
  await work();
  const used = process.cpuUsage(before);
  return { seconds: (used.user + used.system) / 1e6, wall: (performance.now() - t) / 1000 };
}

async function waitFor(done: () => boolean | Promise<boolean>, timeoutMs: number, state: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done()) && Date.now() < deadline) await sleep(50);
  check(await done(), `timed out: ${state()}`);
}
