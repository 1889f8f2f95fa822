import type { DatabaseTarget } from './bench-database';
import { customersBench, type CustomersOptions } from './customers';
import { cylindersBench, type CylindersOptions } from './cylinders';
import { fuelingBench, type FuelingOptions } from './fueling';
import { historyBench, type HistoryOptions } from './history';
import { ingestBench, type IngestOptions } from './ingest';
import { liveLatencyBench, type LiveLatencyOptions } from './live-latency';
import { meteringBench, type MeteringOptions } from './metering';
import { queryBench, type QueryOptions } from './query';
import type { BenchResult } from './report';
import { twinsScaleBench } from './twins-scale';

export type BenchSize = 'smoke' | 'default' | 'full';

/** `smoke`: seconds, for the test suite; `default`: `npm run bench`; `full`: where the default is cut down for time. */
type Sized<T> = { smoke: T; default: T; full?: T };

export const ingestSizes: Sized<IngestOptions> = {
  smoke: { gateways: 4, tanksPerGateway: 5, metersPerGateway: 5, processes: 1, window: 20, seconds: 1.5, warmupSeconds: 0.5 },
  // 10,000 devices: 100 IoT gateways with 50 tanks and 50 prepaid meters each, dealt to 2 publisher processes.
  default: { gateways: 100, tanksPerGateway: 50, metersPerGateway: 50, processes: 2, window: 20, seconds: 20, warmupSeconds: 5 },
};

export const liveLatencySizes: Sized<LiveLatencyOptions> = {
  smoke: {
    gateways: 2,
    tanksPerGateway: 30,
    scenarios: [
      { subscriptions: 1, rate: 200 },
      { subscriptions: 10, rate: 200, frozen: true },
    ],
    seconds: 1.5,
    warmupSeconds: 0.5,
  },
  // 1,000 tanks; one subscription to all of them, or 1,000 subscriptions (one socket each) to one tank each,
  // and the latter again beside a subscriber to every tank whose socket stops reading.
  default: {
    gateways: 10,
    tanksPerGateway: 100,
    scenarios: [
      { subscriptions: 1, rate: 1000 },
      { subscriptions: 1, rate: 5000 },
      { subscriptions: 1000, rate: 1000 },
      { subscriptions: 1000, rate: 5000 },
      { subscriptions: 1000, rate: 5000, frozen: true },
    ],
    seconds: 15,
    warmupSeconds: 3,
  },
};

export const querySizes: Sized<QueryOptions> = {
  smoke: { gateways: 2, tanksPerGateway: 30, connections: 2, seconds: 1, warmupSeconds: 0, variants: 3 },
  default: { gateways: 4, tanksPerGateway: 50, connections: 10, seconds: 8, warmupSeconds: 2, variants: 20 },
};

export const twinsScaleSizes: Sized<{ sizes: number[] }> = { smoke: { sizes: [2_000] }, default: { sizes: [100_000, 1_000_000] } };

export const historySizes: Sized<HistoryOptions> = {
  smoke: { tanks: 1, days: 8, runs: 1, compress: true },
  // 100 tanks × 30 days is 26M rows: ~10 minutes to generate in PGlite on 2 cores, so only with --full.
  default: { tanks: 10, days: 30, runs: 5, compress: true },
  full: { tanks: 100, days: 30, runs: 5, compress: true },
};

export const customersSizes: Sized<CustomersOptions> = {
  smoke: { customers: 2_000, runs: 3, clients: 4, postingSeconds: 1 },
  // A city company's customers (seed 000: 1.24 million households); 100 payment partners' callers at once.
  default: { customers: 1_000_000, runs: 30, clients: 100, postingSeconds: 10 },
};

export const cylindersSizes: Sized<CylindersOptions> = {
  smoke: { cylinders: 3_000, otherCylinders: 300, sites: 8, stockRuns: 3, historyRuns: 5, scales: 4, readsPerSecond: 20, readSeconds: 2, warmupSeconds: 0.5 },
  // A million cylinders of one company over 30 sites (3M events), a second company of 20,000; one filling station's 20 scales at 50 tag reads/s.
  default: {
    cylinders: 1_000_000,
    otherCylinders: 20_000,
    sites: 30,
    stockRuns: 30,
    historyRuns: 200,
    scales: 20,
    readsPerSecond: 50,
    readSeconds: 20,
    warmupSeconds: 2,
  },
};

export const fuelingSizes: Sized<FuelingOptions> = {
  smoke: { stations: 3, pumpsPerStation: 2, cards: 50, authPerSecond: 20, authSeconds: 1.5, warmupSeconds: 0.5, salesPerStation: 40, batch: 10 },
  // 200 pumps at 50 stations; a day of offline sales per station (4 pumps × 100 sales) uploaded by all 50 at once.
  default: { stations: 50, pumpsPerStation: 4, cards: 2_000, authPerSecond: 50, authSeconds: 20, warmupSeconds: 2, salesPerStation: 400, batch: 50 },
};

export const meteringSizes: Sized<MeteringOptions> = {
  smoke: { meters: 600, metersPerGateway: 100, boundThroughService: 50, backlog: 200, rate: 50, seconds: 2, ledgerPostings: 100 },
  // 100,000 meters every 15 minutes is 111 readings/s; a backlog of 5,000 (a concentrator's outage) at once: 20,000 took 4 minutes to charge on 2 busy cores.
  default: { meters: 100_000, metersPerGateway: 1_000, boundThroughService: 1_000, backlog: 5_000, rate: 111, seconds: 45, ledgerPostings: 2_000 },
};

const pick = <T>(sizes: Sized<T>, size: BenchSize): T => (size === 'full' ? (sizes.full ?? sizes.default) : sizes[size]);

export const benches: Record<string, (size: BenchSize, database: DatabaseTarget) => Promise<BenchResult>> = {
  ingest: (size, database) => ingestBench(pick(ingestSizes, size), database),
  'live-latency': (size, database) => liveLatencyBench(pick(liveLatencySizes, size), database),
  query: (size, database) => queryBench(pick(querySizes, size), database),
  'twins-scale': (size) => twinsScaleBench(pick(twinsScaleSizes, size)),
  history: (size, database) => historyBench(pick(historySizes, size), database),
  customers: (size, database) => customersBench(pick(customersSizes, size), database),
  cylinders: (size, database) => cylindersBench(pick(cylindersSizes, size), database),
  fueling: (size, database) => fuelingBench(pick(fuelingSizes, size), database),
  metering: (size, database) => meteringBench(pick(meteringSizes, size), database),
};

/**
 * What `--server` runs: the benchmarks that start a stack or time the database. twins-scale has no
 * server mode yet: it restores twins into the bench's own process from an embedded database it
 * fills there, to weigh the twins' heap.
 */
export const serverModeBenches = ['ingest', 'live-latency', 'query', 'history', 'customers', 'fueling', 'metering'];
