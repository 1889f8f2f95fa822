import type { Logger } from 'pino';
import type { Database } from '../db/database';
import { loadMigrations, migrate } from '../db/migrate';

/** The audit module's migrations (schema `audit`). */
export const auditMigrations = new URL('./migrations/', import.meta.url);

/**
 * Creates or updates the one audit log. Every service that audits runs it at start-up before its
 * own migrations: those move the module's older log into it (identity 0003, fleet 0006), and its
 * writes need the table. Idempotent, so each service runs it whatever started first.
 */
export async function migrateAudit(db: Database, logger?: Logger): Promise<string[]> {
  return migrate(db, 'audit', await loadMigrations(auditMigrations), logger);
}
