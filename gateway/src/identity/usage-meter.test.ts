import { describe, expect, it } from 'vitest';
import type { Database, Queryable } from '@hearth/platform/db';
import { testLogger } from '../testing/test-logger';
import { UsageMeter } from './usage-meter';

/** Records the usage upserts; reports `stored` as what other instances wrote today. */
function usageTable(stored = 0) {
  const written: { keyId: unknown; day: unknown; operations: unknown; events: unknown; rejected: unknown }[] = [];
  const statements: string[] = [];
  const tx: Queryable = {
    query: async <T>(sql: string, params: unknown[] = []) => {
      statements.push(sql);
      const [keyIds, days, operations, events, rejected] = params as unknown[][];
      if (sql.includes('api_key_usage'))
        keyIds!.forEach((keyId, i) => written.push({ keyId, day: days![i], operations: operations![i], events: events![i], rejected: rejected![i] }));
      return [] as T[];
    },
  };
  // Only what the meter calls: the day's stored total, and the flush's transaction.
  const db = {
    query: async <T>() => [{ used: String(stored) }] as T[],
    transaction: async <T>(fn: (tx: Queryable) => Promise<T>) => fn(tx),
  } as unknown as Database;
  return { db, written, statements };
}

const midnight = Date.UTC(2026, 10, 21, 24);

describe('usage meter', () => {
  it('counts an operation just before midnight UTC to that day and one just after to the next', async () => {
    const { db, written } = usageTable();
    const meter = new UsageMeter(db, testLogger());
    meter.count('key-1', 'operations', 1, midnight - 1);
    meter.count('key-1', 'operations', 1, midnight - 1);
    meter.count('key-1', 'operations', 1, midnight);
    meter.count('key-1', 'events', 1, midnight + 3_600_000);
    await meter.flush();
    expect(written.sort((a, b) => String(a.day).localeCompare(String(b.day)))).toEqual([
      { keyId: 'key-1', day: '2026-11-21', operations: 2, events: 0, rejected: 0 },
      { keyId: 'key-1', day: '2026-11-22', operations: 1, events: 1, rejected: 0 },
    ]);
  });

  it('holds a quota against operations counted here and not yet written, on top of the stored total', async () => {
    const { db, written } = usageTable(5);
    const meter = new UsageMeter(db, testLogger());
    const now = midnight + 1000;
    expect(await meter.usedToday('key-1', now)).toBe(5);
    meter.count('key-1', 'operations', 1, now);
    meter.count('key-1', 'operations', 1, now);
    expect(written).toEqual([]);
    expect(await meter.usedToday('key-1', now)).toBe(7);
    expect(meter.usedTodaySync('key-1', now)).toBe(7);
  });

  it('writes the counts of every busy key in one upsert per flush', async () => {
    const { db, written, statements } = usageTable();
    const meter = new UsageMeter(db, testLogger());
    for (let key = 0; key < 50; key++) meter.count(`key-${key}`, 'operations', key + 1, midnight);
    await meter.flush();
    expect(statements).toHaveLength(2);
    expect(written).toHaveLength(50);
    expect(written[49]).toEqual({ keyId: 'key-49', day: '2026-11-22', operations: 50, events: 0, rejected: 0 });
    await meter.flush();
    expect(statements).toHaveLength(2);
  });
});
