import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMigrations, migrate, type Database } from '@hearth/platform/db';
import { openTestDatabase } from '@hearth/testkit/test-database';
import { twinsMigrations } from '../../../index';
import { tankHistory } from './tank-history-store';

const tenant = '00000000-0000-4000-8000-00000000000a';
const tank = '0b000000-0000-4000-8000-000000000002';
const from = new Date('2026-12-06T08:00:13.000Z');

describe('tank history', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase();
    await migrate(db, 'twins', await loadMigrations(twinsMigrations));
    // Ten minutes of one reading a second, level rising 1 mm a second.
    await db.query(
      `INSERT INTO twins.tank_sample (time, tenant_id, tank_id, level_mm, received_at)
       SELECT $3::timestamptz + s * interval '1 second', $1, $2, 1000 + s, now() FROM generate_series(0, 599) AS s`,
      [tenant, tank, from],
    );
  });
  afterAll(() => db.close());

  it('AUTO returns at most maxPoints buckets, the first starting at `from` (not one more straddling each end)', async () => {
    const to = new Date(from.getTime() + 600_000);
    const rows = await tankHistory(db, { tenantId: tenant, tankId: tank, from, to, resolution: 'AUTO', maxPoints: 12 });
    expect(rows).toHaveLength(12);
    expect(rows[0]!.at).toEqual(from);
    // 600 s / 12 = 50 s buckets of the raw samples: the first averages seconds 0–49.
    expect(rows[0]!.levelMm).toBeCloseTo(1024.5);
  });

  it('RAW refuses a range holding more than maxPoints samples', async () => {
    const to = new Date(from.getTime() + 600_000);
    await expect(tankHistory(db, { tenantId: tenant, tankId: tank, from, to, resolution: 'RAW', maxPoints: 100 })).rejects.toMatchObject({
      extensions: { code: 'LIMIT_EXCEEDED' },
    });
  });
});
