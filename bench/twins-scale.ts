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
import { check, round } from './stats';
import { insertCylinderTwins, insertTankTwins, loadCylinderTwins } from './twin-fixtures';

setFlagsFromString('--expose-gc');
/** A full collection, so heap figures count live objects only. */
const gc = runInNewContext('gc') as () => void;

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
 * database in this process, filled with generate_series.
 */
export async function twinsScaleBench(o: { sizes: number[] }): Promise<BenchResult> {
  const dir = await mkdtemp(join(tmpdir(), 'hearth-bench-twins-'));
  const db = await EmbeddedDatabase.open({ dataDir: join(dir, 'db'), checkpointIntervalMs: 0 });
  const results: { size: number; tank: Restore; cylinder: Restore }[] = [];
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
          const sample = twins.get(uuidOfTank(size));
          check(
            sample?.reported.levelMm === 400 + (size % 1800) + 0.25 && sample.alarms.length === (size % 100 === 0 ? 1 : 0),
            `tank twin ${size} restored wrong`,
          );
          return twins;
        },
      );
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
  return { figures: { results }, rows };
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

/** The id `insertTankTwins` gives tank number i (md5 of 'tank' || i, as a uuid). */
function uuidOfTank(i: number): string {
  const hex = createHash('md5').update(`tank${i}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
