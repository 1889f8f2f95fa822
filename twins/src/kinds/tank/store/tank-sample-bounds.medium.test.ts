import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMigrations, migrate, type Database, type Migration, type Queryable } from '@hearth/platform/db';
import { openTestDatabase, refreshContinuousAggregate } from '@hearth/testkit/test-database';
import { twinsMigrations } from '../../../index';

const tenant = '00000000-0000-4000-8000-00000000000a';
const tank = '0b000000-0000-4000-8000-000000000001';
const insertSample = (db: Queryable, levelMm: number, minutesAgo: number) =>
  db.query(
    `INSERT INTO twins.tank_sample (time, tenant_id, tank_id, level_mm, volume_liters, received_at)
     VALUES (now() - $4 * interval '1 minute', $1, $2, $3, 1000, now())`,
    [tenant, tank, levelMm, minutesAgo],
  );
const refresh = (db: Database) => refreshContinuousAggregate(db, 'twins.tank_sample_1m', { fromSql: 'NULL', toSql: "now() - interval '1 minute'" });

describe('stored measurements (migration 0012)', () => {
  let db: Database;
  let migrations: Migration[];
  beforeAll(async () => {
    db = await openTestDatabase();
    migrations = await loadMigrations(twinsMigrations);
    await migrate(
      db,
      'twins',
      migrations.filter((m) => m.id < '0012'),
    );
  });
  afterAll(() => db.close());

  it('clears a value one row held beyond what an average can take, so the aggregate refreshes again, and refuses any more', async () => {
    await insertSample(db, 1500, 10);
    await insertSample(db, 1e308, 9);
    await insertSample(db, 1e308, 9);
    // What one such row did before: the 1-minute aggregate's refresh failed, for every tenant.
    await expect(refresh(db)).rejects.toThrow(/out of range/);

    await migrate(db, 'twins', migrations);
    await refresh(db);
    const levels = await db.query<{ level_mm: number | null }>(`SELECT level_mm FROM twins.tank_sample ORDER BY time`);
    expect(levels.map((r) => r.level_mm)).toEqual([1500, null, null]);
    await expect(insertSample(db, 1e308, 5)).rejects.toMatchObject({ code: '23514' });
    await insertSample(db, 1e12, 5);
  });
});
