import { randomBytes, randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { commonEnv, createLogger, loadConfig } from '@hearth/platform';
import { openDatabase } from '@hearth/platform/db';
import { migrateIdentity } from '../identity/seed';
import { createUser, ensureTenant } from '../identity/users';

/**
 * Creates a tenant and its first admin on a production database (no demo data there):
 *   node --import tsx gateway/src/cli/bootstrap-tenant.ts --name "Acme Gas" --email admin@acme.example
 * The admin's password is generated and printed once; they change it by logging in (or an
 * admin creates further users). Everything after this is done through the API.
 */
const { values } = parseArgs({
  options: { name: { type: 'string' }, email: { type: 'string' }, 'admin-name': { type: 'string' }, 'tenant-id': { type: 'string' } },
});
if (!values.name || !values.email) {
  process.stderr.write('usage: bootstrap-tenant --name <company> --email <admin email> [--admin-name <name>] [--tenant-id <uuid>]\n');
  process.exit(2);
}
const config = loadConfig(commonEnv);
const logger = createLogger('bootstrap', config.LOG_LEVEL);
const db = await openDatabase(config);
try {
  await migrateIdentity(db, logger);
  const tenantId = values['tenant-id'] ?? randomUUID();
  await ensureTenant(db, tenantId, values.name);
  const password = randomBytes(15).toString('base64url');
  const admin = await createUser(db, tenantId, { email: values.email, name: values['admin-name'] ?? 'Administrator', role: 'ADMIN', password }, 'system');
  process.stdout.write(`tenant  ${tenantId}  ${values.name}\nadmin   ${admin.email}\npassword ${password}   (shown once)\n`);
} finally {
  await db.close();
}
