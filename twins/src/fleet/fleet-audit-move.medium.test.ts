import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brokerMigrations } from '@hearth/broker';
import { auditPage, migrateAudit } from '@hearth/platform/audit';
import { loadMigrations, migrate, type Database } from '@hearth/platform/db';
import { openTestDatabase } from '@hearth/testkit/test-database';

const A = '0a0a0a0a-0000-4000-8000-00000000000a';

/** A database from before the one audit log: the fleet's own table, with entries. */
let db: Database;
beforeAll(async () => {
  db = await openTestDatabase();
  const before = (await loadMigrations(brokerMigrations)).filter((m) => m.id < '0006');
  await migrate(db, 'fleet', before);
  await db.query(
    `INSERT INTO fleet.audit_log (tenant_id, at, actor, action, target, details) VALUES
      ($1, '2026-01-01T10:00:00Z', 'user:u-1', 'gateway.registered', 'gateway:gw-1', '{"name":"Depot","requestId":"req-1"}'),
      ($1, '2026-01-01T11:00:00Z', 'apiKey:k-1', 'devices.imported', NULL, '{"rows":2,"requestId":"req-2"}')`,
    [A],
  );
});
afterAll(() => db?.close());

describe("the fleet's audit log moves into the one audit log", () => {
  it('refuses to drop entries when the audit module was not migrated first', async () => {
    await expect(migrate(db, 'fleet', await loadMigrations(brokerMigrations))).rejects.toThrow(/migrateAudit/);
    expect(await db.query('SELECT count(*)::int AS n FROM fleet.audit_log')).toEqual([{ n: 2 }]);
  });

  it('moves every entry with its time, as domain fleet, its request id in its own column, and drops the old table', async () => {
    await migrateAudit(db);
    await migrate(db, 'fleet', await loadMigrations(brokerMigrations));
    const entries = await auditPage(db, { tenantId: A }, 10);
    expect(entries.map((e) => [e.domain, e.action, e.actor, e.target, e.at.toISOString(), e.details, e.requestId])).toEqual([
      ['fleet', 'devices.imported', 'apiKey:k-1', null, '2026-01-01T11:00:00.000Z', { rows: 2 }, 'req-2'],
      ['fleet', 'gateway.registered', 'user:u-1', 'gateway:gw-1', '2026-01-01T10:00:00.000Z', { name: 'Depot' }, 'req-1'],
    ]);
    expect(await db.query(`SELECT to_regclass('fleet.audit_log') AS t`)).toEqual([{ t: null }]);
  });
});
