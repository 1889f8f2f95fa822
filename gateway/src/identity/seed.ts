import type { Database } from '@hearth/platform/db';
import { createApiKey } from './api-keys';
import { createUser, ensureTenant } from './users';

export const identityMigrations = new URL('./migrations/', import.meta.url);

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
