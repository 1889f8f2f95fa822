import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallerContext } from '../context/caller-context';
import { openTestDatabase } from '@hearth/testkit/test-database';
import type { Database } from '../db/database';
import { auditAfter, auditCursorKey, auditPage, countAudit } from './audit-page';
import { migrateAudit } from './migrate-audit';
import { recordAudit } from './record-audit';

const A = '0a0a0a0a-0000-4000-8000-00000000000a';
const B = '0b0b0b0b-0000-4000-8000-00000000000b';
const caller = (tenantId: string): CallerContext => ({ tenantId, requestId: 'req-1', principal: { kind: 'user', id: 'u-1' }, scopes: [] });

let db: Database;
beforeAll(async () => {
  db = await openTestDatabase();
  await migrateAudit(db);
  // Run again, as the next service to start does: nothing left to apply.
  expect(await migrateAudit(db)).toEqual([]);
});
afterAll(() => db?.close());

describe('the audit log', () => {
  it('refuses to change or remove an entry: UPDATE, DELETE and TRUNCATE fail', async () => {
    await recordAudit(db, caller(A), { domain: 'tanks', action: 'tank.created', target: 'tank:1' });
    await expect(db.query(`UPDATE audit.entry SET action = 'tank.nothing' WHERE tenant_id = $1`, [A])).rejects.toThrow(/append-only/);
    await expect(db.query('DELETE FROM audit.entry WHERE tenant_id = $1', [A])).rejects.toThrow(/append-only/);
    await expect(db.query('TRUNCATE audit.entry')).rejects.toThrow(/append-only/);
    expect(await countAudit(db, { tenantId: A, actions: ['tank.created'] })).toBe(1);
  });

  it('records the caller, the request and the details, and nothing when the transaction rolls back', async () => {
    await expect(
      db.transaction(async (tx) => {
        await recordAudit(tx, caller(A), { domain: 'fleet', action: 'gateway.registered', target: 'gateway:lost' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    await db.transaction((tx) =>
      recordAudit(tx, caller(A), { domain: 'fleet', action: 'gateway.registered', target: 'gateway:kept', details: { name: 'Kept' } }),
    );
    await recordAudit(db, { tenantId: A, actor: 'system' }, { domain: 'identity', action: 'account.locked', target: 'user:u-2' });
    const [locked, registered] = await auditPage(db, { tenantId: A, domains: ['fleet', 'identity'] }, 10);
    expect(registered).toMatchObject({ domain: 'fleet', actor: 'user:u-1', target: 'gateway:kept', details: { name: 'Kept' }, requestId: 'req-1' });
    expect(locked).toMatchObject({ domain: 'identity', actor: 'system', action: 'account.locked', details: {}, requestId: null });
    expect(await countAudit(db, { tenantId: A, actions: ['gateway.registered'] })).toBe(1);
  });

  it('pages newest first by cursor, entries of one transaction included, with no entry twice or missed', async () => {
    const tenant = '0c0c0c0c-0000-4000-8000-00000000000c';
    // One transaction: every entry has the same `at`, so the id orders them (past 9, whose text sorts after 10).
    await db.transaction(async (tx) => {
      for (let n = 0; n < 12; n++) await recordAudit(tx, caller(tenant), { domain: 'tanks', action: 'tank.updated', details: { n } });
    });
    for (let n = 12; n < 15; n++) await recordAudit(db, caller(tenant), { domain: 'tanks', action: 'tank.updated', details: { n } });
    const seen: unknown[] = [];
    let after: [string, string] | undefined;
    for (;;) {
      const rows = await auditPage(db, { tenantId: tenant }, 3, after);
      seen.push(...rows.slice(0, 2).map((r) => r.details.n));
      if (rows.length <= 2) break;
      after = auditCursorKey(rows[1]!);
    }
    expect(seen).toEqual([14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
    // A cursor the page handed out reads back; one it could not have handed out is refused before any SQL.
    expect(auditAfter(after!)).toEqual(after);
    for (const forged of [
      ['2026-02-30T10:00:00.000000Z', '1'],
      ['2026-01-01T10:00:00.000000Z', '1 OR 1=1'],
      ['yesterday', '1'],
    ])
      expect(() => auditAfter(forged)).toThrow(expect.objectContaining({ extensions: { code: 'INVALID_CURSOR' } }));
  });

  it('keeps each tenant to its own entries, and filters by domain, action and time', async () => {
    await recordAudit(db, caller(B), { domain: 'tanks', action: 'site.created', target: 'site:b' });
    await new Promise((resolve) => setTimeout(resolve, 10));
    const since = new Date();
    await recordAudit(db, caller(B), { domain: 'identity', action: 'user.created', target: 'user:b' });
    const ofA = await auditPage(db, { tenantId: A }, 200);
    expect(ofA.map((e) => e.target)).not.toContain('site:b');
    expect(await countAudit(db, { tenantId: B })).toBe(2);
    expect((await auditPage(db, { tenantId: B, domains: ['tanks'] }, 10)).map((e) => e.action)).toEqual(['site.created']);
    expect((await auditPage(db, { tenantId: B, actions: ['user.created'] }, 10)).map((e) => e.target)).toEqual(['user:b']);
    expect((await auditPage(db, { tenantId: B, since }, 10)).map((e) => e.action)).toEqual(['user.created']);
    expect(await countAudit(db, { tenantId: B, domains: [] })).toBe(0);
  });
});
