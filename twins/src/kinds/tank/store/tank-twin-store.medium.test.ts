import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TENANT_ID } from '@hearth/platform';
import { loadMigrations, migrate, type Database, type Migration } from '@hearth/platform/db';
import { openTestDatabase } from '@hearth/testkit/test-database';
import { twinsMigrations } from '../../../index';
import { TankTwins } from '../tank-twins';
import { emptyTankTwin, type TankTwinState } from '../model/tank-twin';
import { saveAlarmChanges } from '../../../store/alarm-store';
import { loadTankTwins, saveTankTwins } from './tank-twin-store';

let db: Database;
let migrations: Migration[];
beforeAll(async () => {
  db = await openTestDatabase();
  migrations = await loadMigrations(twinsMigrations);
});
afterAll(() => db.close());

const ids = ['0a000000-0000-4000-8000-000000000001', '0a000000-0000-4000-8000-000000000002', '0a000000-0000-4000-8000-000000000003'] as const;

/** One twin with every field set, one with every field null, one in between. */
const full: TankTwinState = {
  tankId: ids[0],
  tenantId: DEMO_TENANT_ID,
  gatewayId: 'gw-7',
  reported: { levelMm: 2210.25, temperatureC: -3.5, pressureKPa: 612.1, waterLevelMm: 12.7, inletValveOpen: false, highHighSetpointMm: 2400.5 },
  reportedAt: new Date('2026-11-21T08:00:00.123Z'),
  derived: { volumeLiters: 44_205.5, volumeAtReferenceLiters: 44_900.25, fillPercent: 88.41, massKg: 22_450.125, levelOutOfRange: 'above' },
  desired: {
    inletValveOpen: { value: false, commandId: '0c000000-0000-4000-8000-000000000001', at: new Date('2026-11-21T07:59:00.456Z') },
    highHighSetpointMm: { value: 2350, commandId: '0c000000-0000-4000-8000-000000000002', at: new Date('2026-11-21T07:58:00.789Z') },
  },
  online: false,
  stale: true,
  lastSeenAt: new Date('2026-11-21T08:00:05.001Z'),
  lastSeq: 9_007_199_254_740,
  lastBoot: 3,
  version: 41,
  alarms: [
    {
      id: '0b000000-0000-4000-8000-000000000002',
      code: 'OVERFILL',
      severity: 'CRITICAL',
      state: 'ACTIVE',
      message: 'Overfill',
      value: 88.4,
      raisedAt: new Date('2026-11-21T08:00:00.123Z'),
    },
    {
      id: '0b000000-0000-4000-8000-000000000001',
      code: 'LEVEL_H',
      severity: 'MAJOR',
      state: 'ACTIVE',
      message: 'Level high',
      value: 2210.25,
      raisedAt: new Date('2026-11-21T07:30:00Z'),
    },
  ],
};
const empty = emptyTankTwin(ids[1], DEMO_TENANT_ID);
const partial: TankTwinState = {
  ...emptyTankTwin(ids[2], DEMO_TENANT_ID),
  gatewayId: 'gw-7',
  reported: { ...empty.reported, levelMm: 0, inletValveOpen: true },
  derived: { ...empty.derived, volumeLiters: 0, levelOutOfRange: 'below' },
  desired: { inletValveOpen: { value: true, commandId: '0c000000-0000-4000-8000-000000000003', at: new Date('2026-11-21T07:00:00Z') } },
  online: true,
  version: 1,
};

async function restored(): Promise<TankTwinState[]> {
  const twins = new TankTwins();
  await twins.restore(db);
  return ids.map((id) => twins.get(id)!);
}

describe('tank twin store', () => {
  it('restores twins saved as columns exactly: values, desired state, connectivity, alarms', async () => {
    await migrate(db, 'twins', migrations);
    await saveTankTwins(db, [full, empty, partial]);
    await saveAlarmChanges(
      db,
      full.alarms.map((alarm) => ({ tenantId: DEMO_TENANT_ID, assetKind: 'tank', assetId: full.tankId, change: { kind: 'raised', alarm } })),
    );
    expect(await restored()).toEqual([full, empty, partial]);

    // An upsert replaces every column, nulls included.
    await saveTankTwins(db, [{ ...partial, tankId: ids[0], alarms: full.alarms }]);
    expect((await restored())[0]).toEqual({ ...partial, tankId: ids[0], alarms: full.alarms });
  });

  it('shows the state as documents in twins.tank_twin, as it was stored before', async () => {
    await saveTankTwins(db, [full]);
    const [row] = await db.query<Record<string, unknown>>(
      'SELECT reported, reported_state, derived, desired, last_seq FROM twins.tank_twin WHERE tank_id = $1',
      [full.tankId],
    );
    expect(row).toEqual({
      reported: { levelMm: 2210.25, temperatureC: -3.5, pressureKPa: 612.1, waterLevelMm: 12.7 },
      reported_state: { inletValveOpen: false, highHighSetpointMm: 2400.5 },
      derived: full.derived,
      desired: {
        inletValveOpen: { value: false, commandId: full.desired.inletValveOpen!.commandId, at: '2026-11-21T07:59:00.456+00:00' },
        highHighSetpointMm: { value: 2350, commandId: full.desired.highHighSetpointMm!.commandId, at: '2026-11-21T07:58:00.789+00:00' },
      },
      last_seq: full.lastSeq,
    });
  });
});

describe('restore in page ranges', () => {
  it('reads every twin once however the table is cut into ranges of pages', async () => {
    const many = Array.from({ length: 300 }, (_, i) => ({ ...partial, tankId: `0d000000-0000-4000-8000-${String(i).padStart(12, '0')}`, version: i }));
    await saveTankTwins(db, many);
    const seen = new Map<string, number>();
    const count = await loadTankTwins(db, (twin) => seen.set(twin.tankId, (seen.get(twin.tankId) ?? 0) + 1), 1);
    const [[pages, rows]] = (await db.queryArrays<[number, number]>(
      `SELECT pg_relation_size('twins.tank_twin_state') / current_setting('block_size')::int, (SELECT count(*) FROM twins.tank_twin_state)::int`,
    )) as [[number, number]];
    expect(Number(pages)).toBeGreaterThan(3);
    expect(count).toBe(rows);
    expect(seen.size).toBe(rows);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
  });
});

describe('migration 0010', () => {
  it('moves twins stored as documents into columns', async () => {
    const old = await openTestDatabase();
    try {
      await migrate(
        old,
        'twins',
        migrations.filter((m) => m.id < '0010'),
      );
      await old.query(
        `INSERT INTO twins.tank_twin (tank_id, tenant_id, gateway_id, reported, reported_state, reported_at, derived, desired, online, stale, last_seen_at, last_seq, version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
        [
          full.tankId,
          full.tenantId,
          full.gatewayId,
          JSON.stringify({ levelMm: 2210.25, temperatureC: -3.5, pressureKPa: 612.1, waterLevelMm: 12.7 }),
          JSON.stringify({ inletValveOpen: false, highHighSetpointMm: 2400.5 }),
          full.reportedAt,
          JSON.stringify(full.derived),
          JSON.stringify(full.desired),
          full.online,
          full.stale,
          full.lastSeenAt,
          full.lastSeq,
          full.version,
        ],
      );
      await migrate(old, 'twins', migrations);
      const twins = new TankTwins();
      await twins.restore(old);
      expect(twins.get(full.tankId)).toEqual({ ...full, lastBoot: null, alarms: [] });
    } finally {
      await old.close();
    }
  });
});
