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

  it('keeps the reading id as a bigint', async () => {
    expect(readingCursor.firstId).toBe('0');
    const [row] = await t.db.query<{ type: string }>(
      `SELECT data_type AS type FROM information_schema.columns WHERE table_schema = 'metering' AND table_name = 'reading_cursor' AND column_name = 'reading_id'`,
    );
    expect(row?.type).toBe('bigint');
  });
});
