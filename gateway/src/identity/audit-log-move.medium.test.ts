import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditPage } from '@hearth/platform/audit';
import { loadMigrations, migrate, type Database } from '@hearth/platform/db';
import { openTestDatabase } from '@hearth/testkit/test-database';
import { identityMigrations, migrateIdentity } from './seed';

const A = '0a0a0a0a-0000-4000-8000-00000000000a';
const B = '0b0b0b0b-0000-4000-8000-00000000000b';

/** A database from before the one audit log: identity's own table, with entries. */
let db: Database;
beforeAll(async () => {
  db = await openTestDatabase();
  const before = (await loadMigrations(identityMigrations)).filter((m) => m.id < '0003');
  await migrate(db, 'identity', before);
  await db.query(
    `INSERT INTO identity.audit_log (tenant_id, at, actor, action, target, details) VALUES
      ($1, '2026-01-01T10:00:00Z', 'user:u-1', 'api-key.created', 'apiKey:k-1', '{"name":"partner"}'),
      ($1, '2026-01-01T11:00:00Z', 'system', 'account.locked', 'user:u-2', '{}'),
      ($2, '2026-01-01T12:00:00Z', 'user:u-9', 'user.created', 'user:u-9', '{}')`,
    [A, B],
  );
});
afterAll(() => db?.close());

describe("identity's audit log moves into the one audit log", () => {
  it('refuses to drop entries when the audit module was not migrated first', async () => {
    await expect(migrate(db, 'identity', await loadMigrations(identityMigrations))).rejects.toThrow(/migrateAudit/);
    expect(await db.query('SELECT count(*)::int AS n FROM identity.audit_log')).toEqual([{ n: 3 }]);
  });

  it('moves every entry with its tenant, time and domain, and drops the old table', async () => {
    await migrateIdentity(db);
    const ofA = await auditPage(db, { tenantId: A }, 10);
    expect(ofA.map((e) => [e.domain, e.action, e.actor, e.target, e.at.toISOString(), e.details])).toEqual([
      ['identity', 'account.locked', 'system', 'user:u-2', '2026-01-01T11:00:00.000Z', {}],
      ['identity', 'api-key.created', 'user:u-1', 'apiKey:k-1', '2026-01-01T10:00:00.000Z', { name: 'partner' }],
    ]);
    expect((await auditPage(db, { tenantId: B }, 10)).map((e) => e.action)).toEqual(['user.created']);
    expect(await db.query(`SELECT to_regclass('identity.audit_log') AS t`)).toEqual([{ t: null }]);
  });
});
