import type { Logger } from '@hearth/platform';
import { migrateAudit } from '@hearth/platform/audit';
import { loadMigrations, migrate, type Database } from '@hearth/platform/db';
import { createApiKey } from './api-keys';
import { createUser, ensureTenant } from './users';

export const identityMigrations = new URL('./migrations/', import.meta.url);

/**
 * Migrates identity, after the audit log it writes to: identity's migration 0003 moves its older
 * log into that table, and every change it audits needs it.
 */
export async function migrateIdentity(db: Database, logger?: Logger): Promise<void> {
  await migrateAudit(db, logger);
  await migrate(db, 'identity', await loadMigrations(identityMigrations), logger);
}

export interface IdentitySeed {
  admin: { email: string; password: string };
  /** A key with read scopes on every domain. */
  apiKey: string;
}

/**
 * The demo company's identity: its tenant row, an admin with the given password and a
 * read-everything API key. Runs once per data dir; the caller keeps what it returns.
 */
export async function seedIdentity(
  db: Database,
  tenant: { id: string; name: string },
  admin: { email: string; password: string; name: string },
): Promise<IdentitySeed> {
  await ensureTenant(db, tenant.id, tenant.name);
  await createUser(db, tenant.id, { email: admin.email, name: admin.name, role: 'ADMIN', password: admin.password }, 'system');
  const key = await createApiKey(db, tenant.id, { name: 'Demo read-only key', scopes: ['*:read'] }, 'system');
  return { admin: { email: admin.email, password: admin.password }, apiKey: key.secret };
}
