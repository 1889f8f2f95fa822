import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseTarget } from './bench-database';
import {
  customersSizes,
  cylindersSizes,
  fuelingSizes,
  historySizes,
  ingestSizes,
  liveLatencySizes,
  meteringSizes,
  querySizes,
  twinsScaleSizes,
} from './benches';
import { customersBench } from './customers';
import { cylindersBench } from './cylinders';
import { fuelingBench } from './fueling';
import { startBenchStack, type BenchStack } from './bench-stack';
import { historyBench } from './history';
import { ingestBench } from './ingest';
import { liveLatencyBench } from './live-latency';
import { meteringBench } from './metering';
import { queryBench } from './query';
import { twinsScaleBench } from './twins-scale';

// Tiny runs so the benchmarks keep working; figures are printed by `npm run bench`, never asserted.
// Each benchmark checks its own correctness (no loss, same answers) and throws when it is wrong:
// a run that returns is the test.
describe('benchmarks (smoke)', () => {
  it('ingest: every acknowledged message from separate publisher processes is stored once', async () => {
    const { figures } = await ingestBench(ingestSizes.smoke);
    expect((figures.stack as { acknowledged: number }).acknowledged).toBeGreaterThan(0);
  });

  describe('on one stack (saves a start)', () => {
    let stack: BenchStack;
    beforeAll(async () => {
      const { gateways, tanksPerGateway } = querySizes.smoke;
      stack = await startBenchStack({ fleet: { gateways, tanksPerGateway, metersPerGateway: 0 }, peers: true });
    });
    afterAll(() => stack?.stop());

    it('live-latency: every event shows a level published for its tank; subscribers end on the last level unless events were dropped or failed', async () => {
      const { figures } = await liveLatencyBench(liveLatencySizes.smoke, stack);
      expect(figures.scenarios).toHaveLength(liveLatencySizes.smoke.scenarios.length);
    });

    it('query: our gateway, plain Apollo Gateway, Hive Gateway and the subgraphs give the same answers under load', async () => {
      const { figures } = await queryBench(querySizes.smoke, stack);
      expect(figures.cases).toHaveLength(2);
    });
  });

  it('twins-scale: restores every tank and cylinder twin', async () => {
    const { figures } = await twinsScaleBench(twinsScaleSizes.smoke);
    expect(figures.results).toHaveLength(1);
  });

  it('history: the continuous aggregate and the raw samples give the same points', async () => {
    const { figures } = await historyBench(historySizes.smoke);
    expect(figures.points).toBe(8 * 1440);
  });

  it('customers: every search finds what it looks for, and the books balance after concurrent postings', async () => {
    const { figures } = await customersBench(customersSizes.smoke);
    const { searches, books } = figures as { searches: { found: number }[]; books: { sumOfEntriesMinor: number } };
    expect(searches.map((s) => s.found > 0)).toEqual([true, true, true, true, true]);
    expect(books.sumOfEntriesMinor).toBe(0);
  });

  it('cylinders: stock and history agree with their SQL, and every tag read is released or locked as the registry decides', async () => {
    const { figures } = await cylindersBench(cylindersSizes.smoke);
    const { interlock, events } = figures as { interlock: { answered: number; superseded: number; reads: number }; events: number };
    expect(interlock.answered + interlock.superseded).toBe(interlock.reads);
    expect(events).toBe(3 * cylindersSizes.smoke.cylinders);
  });

  it('fueling: every card read is authorised at its pump, and every offline sale settles once with one debit', async () => {
    const { figures } = await fuelingBench(fuelingSizes.smoke);
    const { auth, settlement } = figures as { auth: { answered: number; reads: number }; settlement: { sales: number } };
    expect(auth.answered).toBe(auth.reads);
    expect(settlement.sales).toBe(fuelingSizes.smoke.stations * fuelingSizes.smoke.salesPerStation);
  });

  it('metering: every reading is charged once with one debit over MQTT, and the books balance', async () => {
    const { figures } = await meteringBench(meteringSizes.smoke);
    const { backlog, lag } = figures as { backlog: { readings: number }; lag: { count: number } };
    expect(backlog.readings).toBe(meteringSizes.smoke.backlog);
    expect(lag.count).toBe(meteringSizes.smoke.rate * meteringSizes.smoke.seconds);
  });

  // `npm run bench -- --server`'s path: the fleet seeded on a database of its own on the server, the
  // stack process on DATABASE_URL, the counts after its stop read there. Only where a server is given
  // (TEST_DATABASE_URL): the embedded run of the suite must pass on a machine without one.
  const serverUrl = process.env.TEST_DATABASE_URL;
  describe.runIf(serverUrl)('on a TimescaleDB server (TEST_DATABASE_URL)', () => {
    const server: DatabaseTarget = { mode: 'server', serverUrl: serverUrl! };

    it('ingest: every acknowledged message is stored once in the server database', async () => {
      const { figures } = await ingestBench(ingestSizes.smoke, server);
      expect((figures.stack as { acknowledged: number }).acknowledged).toBeGreaterThan(0);
    });

    it('history: the aggregate and the raw samples give the same points on the server', async () => {
      const { figures } = await historyBench(historySizes.smoke, server);
      expect(figures.points).toBe(8 * 1440);
    });
  });
});
