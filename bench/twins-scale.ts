import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { DEMO_TENANT_ID } from '@hearth/platform';
import { EmbeddedDatabase, loadMigrations, migrate } from '@hearth/platform/db';
import { TankTwins, twinsMigrations } from '@hearth/twins';
import { fmt, progress, ratio, type BenchResult, type TableRow } from './report';
import { insertTankSamples, type TankSampleRow } from '../twins/src/kinds/tank/store/tank-sample-store';
import { saveTankTwins } from '../twins/src/kinds/tank/store/tank-twin-store';
import type { TankTwinState } from '../twins/src/kinds/tank/model/tank-twin';
import { check, median, round } from './stats';
import { createTwinDocuments, insertCylinderTwins, insertTankTwins, loadCylinderTwins, saveTwinDocuments } from './twin-fixtures';

setFlagsFromString('--expose-gc');
/** A full collection, so heap figures count live objects only. */
const gc = runInNewContext('gc') as () => void;

/** Twins an ingest batch touches at fleet scale (5,000 tanks each reporting now and then). */
const BATCH_TWINS = 5_000;

interface Upsert {
  twins: number;
  /** Median ms of one batch's statement, in a transaction as the pipeline runs it. */
  columnsMs: number;
  documentsMs: number;
  samplesMs: number;
}

interface Restore {
  twins: number;
  restoreSeconds: number;
  twinsPerSecond: number;
  heapBytesPerTwin: number;
  insertSeconds: number;
}

/**
 * What it costs to hold twins in memory and to restore them from the database at start (the
 * twins service restores every tank twin before it takes a message): tank twins as the service
 * keeps them (`TankTwins.restore`), and a lightweight cylinder-like twin (a plain record of
 * reported values) as the peer that shows what the tank model itself costs. A fresh embedded
 * database in this process, filled with generate_series. Also what one ingest batch's twin state
 * costs to write, against the jsonb documents written before and against the batch's samples.
 */
export async function twinsScaleBench(o: { sizes: number[] }): Promise<BenchResult> {
  const dir = await mkdtemp(join(tmpdir(), 'hearth-bench-twins-'));
  const db = await EmbeddedDatabase.open({ dataDir: join(dir, 'db'), checkpointIntervalMs: 0 });
  const results: { size: number; tank: Restore; cylinder: Restore }[] = [];
  let upsert: Upsert | undefined;
  let restored: TankTwins | undefined;
  try {
    await migrate(db, 'twins', await loadMigrations(twinsMigrations));
    for (const size of o.sizes) {
      progress(`twins-scale: ${size} twins`);
      const tank = await measure(
        size,
        () => insertTankTwins(db, DEMO_TENANT_ID, size),
        async () => {
          const twins = new TankTwins();
          await twins.restore(db);
          restored = twins;
          const sample = twins.get(uuidOfTank(size));
          check(
            sample?.reported.levelMm === 400 + (size % 1800) + 0.25 && sample.alarms.length === (size % 100 === 0 ? 1 : 0),
            `tank twin ${size} restored wrong`,
          );
          return twins;
        },
      );
      // Outside the timed restore, on the first size's twins.
      upsert ??= await measureUpsert(db, restored!);
      restored = undefined;
      const cylinder = await measure(
        size,
        () => insertCylinderTwins(db, DEMO_TENANT_ID, size),
        async () => {
          const twins = await loadCylinderTwins(db);
          check(twins.get(`CYL-${String(size).padStart(8, '0')}`)?.reported.batteryPct === 40 + (size % 60), `cylinder twin ${size} restored wrong`);
          return twins;
        },
      );
      results.push({ size, tank, cylinder });
    }
  } finally {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  }
  const rows: TableRow[] = results.flatMap(({ size, tank, cylinder }) => [
    {
      measure: `${fmt(size)} tank twins: heap bytes per twin`,
      value: fmt(tank.heapBytesPerTwin),
      reference: `${fmt(cylinder.heapBytesPerTwin)} (cylinder record)`,
      ratio: ratio(tank.heapBytesPerTwin, cylinder.heapBytesPerTwin),
    },
    {
      measure: `${fmt(size)} tank twins: restore from the database (s)`,
      value: fmt(tank.restoreSeconds),
      reference: `${fmt(cylinder.restoreSeconds)} (cylinder record)`,
      ratio: ratio(tank.restoreSeconds, cylinder.restoreSeconds),
    },
  ]);
  if (upsert) {
    rows.push(
      {
        measure: `twin state of one ingest batch, ${fmt(upsert.twins)} twins: upsert as columns (ms)`,
        value: fmt(upsert.columnsMs),
        reference: `${fmt(upsert.documentsMs)} (as jsonb documents, before)`,
        ratio: ratio(upsert.columnsMs, upsert.documentsMs),
      },
      {
        measure: `  the same batch's ${fmt(upsert.twins)} samples into the hypertable (ms)`,
        value: fmt(upsert.samplesMs),
        reference: `${fmt(upsert.columnsMs)} (twin state as columns)`,
        ratio: ratio(upsert.columnsMs, upsert.samplesMs),
      },
    );
  }
  return { figures: { results, upsert }, rows };
}

async function measure(size: number, insert: () => Promise<void>, restore: () => Promise<{ size: number }>): Promise<Restore> {
  let started = performance.now();
  await insert();
  const insertSeconds = (performance.now() - started) / 1000;
  gc();
  const before = process.memoryUsage().heapUsed;
  started = performance.now();
  const twins = await restore();
  const restoreSeconds = (performance.now() - started) / 1000;
  gc();
  const heap = process.memoryUsage().heapUsed - before;
  check(twins.size === size, `restored ${twins.size} of ${size} twins`);
  return {
    twins: twins.size,
    restoreSeconds: round(restoreSeconds, 2),
    twinsPerSecond: Math.round(size / restoreSeconds),
    heapBytesPerTwin: Math.round(heap / size),
    insertSeconds: round(insertSeconds, 1),
  };
}

/**
 * One ingest batch's writes at fleet scale: the next state of 5,000 twins upserted as columns
 * (the twins store) and as the jsonb documents it wrote before migration 0010, and the batch's
 * samples into the hypertable; each in a transaction, median of 5.
 */
async function measureUpsert(db: EmbeddedDatabase, twins: TankTwins): Promise<Upsert> {
  const batch: TankTwinState[] = [...twins.all()].slice(0, BATCH_TWINS).map((t, i) => ({
    ...t,
    reported: { ...t.reported, levelMm: (t.reported.levelMm ?? 0) + 1.5 },
    lastSeenAt: new Date(),
    lastSeq: (t.lastSeq ?? 0) + 1,
    version: t.version + 1 + i,
  }));
  const samples: TankSampleRow[] = batch.map((t) => ({
    time: new Date(),
    tenantId: t.tenantId,
    tankId: t.tankId,
    ...t.reported,
    volumeLiters: t.derived.volumeLiters,
    fillPercent: t.derived.fillPercent,
    massKg: t.derived.massKg,
    seq: t.lastSeq,
    receivedAt: new Date(),
  }));
  await createTwinDocuments(db);
  await db.transaction((tx) => saveTwinDocuments(tx, batch));
  const time = async (write: () => Promise<void>) => {
    const runs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      await write();
      runs.push(performance.now() - started);
    }
    return round(median(runs), 1);
  };
  return {
    twins: batch.length,
    columnsMs: await time(() => db.transaction((tx) => saveTankTwins(tx, batch))),
    documentsMs: await time(() => db.transaction((tx) => saveTwinDocuments(tx, batch))),
    samplesMs: await time(() => db.transaction((tx) => insertTankSamples(tx, samples))),
  };
}

/** The id `insertTankTwins` gives tank number i (md5 of 'tank' || i, as a uuid). */
function uuidOfTank(i: number): string {
  const hex = createHash('md5').update(`tank${i}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
