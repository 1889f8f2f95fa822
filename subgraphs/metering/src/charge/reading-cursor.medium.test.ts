import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TENANT_ID } from '@hearth/platform';
import type { TableKey } from '@hearth/platform/db';
import { startChargeTestService, testMeter, type ChargeTestService } from './charge-test-data';
import { readingsAfter } from './meter-readings.store';
import { readingCursor } from './reading-intake';

let t: ChargeTestService;
beforeAll(async () => {
  t = await startChargeTestService();
});
afterAll(async () => {
  await t?.close();
});

describe('the reading intake’s cursor', () => {
  it('is keyed by the reading’s id: a meter’s readings received at one instant are read page after page, each once', async () => {
    const { meterId } = await testMeter(t);
    // Received long before the intake's cursor (nothing else reads them), at one instant, as one batch can be.
    await t.db.query(
      `INSERT INTO twins.meter_reading (tenant_id, meter_id, observed_at, register_milli, received_at)
       SELECT $1, $2, timestamptz '1990-01-01 00:00:00Z' + make_interval(mins => i), i * 1000, timestamptz '1990-01-01 01:00:00Z' FROM generate_series(1, 5) AS i`,
      [DEMO_TENANT_ID, meterId],
    );
    const read: string[] = [];
    let after: TableKey = ['1990-01-01T00:30:00.000000Z', readingCursor.firstId];
    for (;;) {
      const page = (await readingsAfter(t.db, after, 2)).filter((r) => r.meterId === meterId);
      if (page.length === 0) break;
      read.push(...page.map((r) => r.id));
      const last = page.at(-1)!;
      after = [last.receivedKey, last.id];
    }
    expect(read).toHaveLength(5);
    expect(new Set(read).size).toBe(5);
    expect(read).toEqual([...read].sort((a, b) => Number(BigInt(a) - BigInt(b))));
  });

  it('is swept behind, in a window: a reading passed over is charged, one older than the window or past the cursor is not read', async () => {
    const { meterId } = await testMeter(t);
    const cursorAt = '2030-01-01T12:00:00.000000Z';
    await t.db.query(`UPDATE metering.reading_cursor SET received_at = $1, reading_id = 0, updated_at = now()`, [cursorAt]);
    await t.db.query(
      `INSERT INTO twins.meter_reading (tenant_id, meter_id, observed_at, register_milli, received_at)
       VALUES ($1, $2, '2030-01-01 11:50:00Z', 1000, '2030-01-01 11:50:00Z'), ($1, $2, '2030-01-01 10:00:00Z', 500, '2030-01-01 10:00:00Z'),
              ($1, $2, '2030-01-01 13:00:00Z', 2000, '2030-01-01 13:00:00Z')`,
      [DEMO_TENANT_ID, meterId],
    );
    expect(await t.service.services.charges.intake.sweep(30 * 60_000)).toBe(1);
    const judged = await t.db.query<{ at: string }>(
      `SELECT to_char(observed_at AT TIME ZONE 'UTC', 'HH24:MI') AS at FROM metering.charge WHERE meter_id = $1 ORDER BY observed_at`,
      [meterId],
    );
    expect(judged.map((r) => r.at)).toEqual(['11:50']);
  });

  it('keeps the reading id as a bigint', async () => {
    expect(readingCursor.firstId).toBe('0');
    const [row] = await t.db.query<{ type: string }>(
      `SELECT data_type AS type FROM information_schema.columns WHERE table_schema = 'metering' AND table_name = 'reading_cursor' AND column_name = 'reading_id'`,
    );
    expect(row?.type).toBe('bigint');
  });
});
