import { BareBroker } from './bare-broker';
import { EMBEDDED, type DatabaseTarget } from './bench-database';
import { startBenchStack } from './bench-stack';
import { PublisherFleet, type OfferedLoad } from './publisher-fleet';
import { fmt, progress, ratio, type BenchResult } from './report';
import type { FleetSpec, SeededGateway } from './seed-fleet';
import { check, round } from './stats';

type Load = OfferedLoad & { firstContactSeconds: number };

export interface IngestOptions {
  /** IoT gateways (one MQTT connection each); devices are split evenly between them. */
  gateways: number;
  tanksPerGateway: number;
  metersPerGateway: number;
  /** Publisher OS processes the gateways are dealt to. */
  processes: number;
  /** Unacknowledged messages each connection keeps open. */
  window: number;
  seconds: number;
  warmupSeconds: number;
}

/**
 * QoS 1 telemetry from a fleet of tanks and prepaid meters, published by separate processes
 * as fast as PUBACKs come back; a PUBACK means "committed". Every acknowledged message must be
 * one row in the hypertables at the end. The ceiling: the same publishers against a bare Aedes.
 * `database`: where the stack's database lives (a fresh one either way).
 */
export async function ingestBench(o: IngestOptions, database: DatabaseTarget = EMBEDDED): Promise<BenchResult> {
  const fleet: FleetSpec = { gateways: o.gateways, tanksPerGateway: o.tanksPerGateway, metersPerGateway: o.metersPerGateway };
  const devices = o.gateways * (o.tanksPerGateway + o.metersPerGateway);
  const tanks = o.gateways * o.tanksPerGateway;
  // Publisher processes and the bare broker start while the stack does; the publishers play the same gateways against both.
  const publishers = PublisherFleet.start(o.processes);
  const bareStarted = BareBroker.start();
  let load: Load;
  let ceiling: Load;
  let counts: Record<'tankRows' | 'tankDistinct' | 'meterRows' | 'meterDistinct' | 'twins', number>;
  try {
    const stack = await startBenchStack({ fleet, database });
    try {
      load = await offer(publishers, stack.urls.mqtt, stack.fleet!.gateways, o);
    } finally {
      // Counted on the database reopened after a graceful stop: what was acknowledged survived it.
      counts = await stack.stop({
        tankRows: 'SELECT count(*)::int AS n FROM twins.tank_sample',
        tankDistinct: 'SELECT count(DISTINCT (tank_id, seq))::int AS n FROM twins.tank_sample',
        meterRows: 'SELECT count(*)::int AS n FROM twins.meter_reading',
        meterDistinct: 'SELECT count(DISTINCT (meter_id, register_milli))::int AS n FROM twins.meter_reading',
        twins: 'SELECT count(*)::int AS n FROM twins.tank_twin',
      });
    }
    const bare = await bareStarted;
    ceiling = await offer(publishers, bare.mqttUrl, stack.fleet!.gateways, o);
    const { delivered } = await bare.collect();
    check(ceiling.failed === 0 && delivered === ceiling.acked, `bare broker: acknowledged ${ceiling.acked}, delivered ${delivered}, failed ${ceiling.failed}`);
  } finally {
    await publishers.close();
    await bareStarted.then((b) => b.stop()).catch(() => undefined);
  }
  const stored = counts.tankRows + counts.meterRows;
  check(load.failed === 0, `${load.failed} publishes failed against the stack`);
  check(stored === load.acked, `acknowledged ${load.acked}, stored ${stored} (tank samples ${counts.tankRows}, meter readings ${counts.meterRows})`);
  check(counts.tankDistinct === counts.tankRows && counts.meterDistinct === counts.meterRows, `duplicates stored: ${JSON.stringify(counts)}`);
  check(counts.twins <= tanks && (tanks === 0 || counts.twins > 0), `${counts.twins} tank twins for ${tanks} tanks`);
  return {
    figures: {
      devices,
      tanks,
      meters: o.gateways * o.metersPerGateway,
      gateways: o.gateways,
      publisherProcesses: o.processes,
      inFlight: o.gateways * o.window,
      seconds: o.seconds,
      warmupSeconds: o.warmupSeconds,
      stack: {
        messagesPerSecond: load.messagesPerSecond,
        firstContactSeconds: load.firstContactSeconds,
        acknowledged: load.acked,
        storedTankSamples: counts.tankRows,
        storedMeterReadings: counts.meterRows,
        tankTwins: counts.twins,
      },
      bareAedes: { messagesPerSecond: ceiling.messagesPerSecond, firstContactSeconds: ceiling.firstContactSeconds, acknowledged: ceiling.acked },
    },
    rows: [
      {
        measure: `QoS 1 msg/s, ${fmt(devices)} devices, ${o.gateways} conns, ${o.processes} publisher procs`,
        value: fmt(load.messagesPerSecond),
        reference: `${fmt(ceiling.messagesPerSecond)} (bare Aedes)`,
        ratio: ratio(load.messagesPerSecond, ceiling.messagesPerSecond),
      },
      {
        measure: `first message from each of ${fmt(devices)} devices (s)`,
        value: fmt(load.firstContactSeconds),
        reference: `${fmt(ceiling.firstContactSeconds)} (bare Aedes)`,
        ratio: ratio(load.firstContactSeconds, ceiling.firstContactSeconds),
      },
      { measure: 'acknowledged = stored (no loss, no duplicates)', value: `${fmt(load.acked)} = ${fmt(stored)}` },
    ],
  };
}

/**
 * First one message from every device (the first contact after a start costs a registry lookup
 * per device: timed on its own as `firstContactSeconds`), then the sustained load.
 */
async function offer(publishers: PublisherFleet, mqttUrl: string, gateways: SeededGateway[], o: IngestOptions): Promise<Load> {
  progress(`ingest: ${gateways.length} gateways connect to ${mqttUrl}`);
  await publishers.connect({ mqttUrl, gateways, window: o.window });
  try {
    const primed = await publishers.prime();
    const load = await publishers.run(o.seconds, o.warmupSeconds);
    return { ...load, acked: load.acked + primed.acked, failed: load.failed + primed.failed, firstContactSeconds: round(primed.seconds, 2) };
  } finally {
    await publishers.disconnect();
  }
}
