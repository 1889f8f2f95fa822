import type { Logger } from 'pino';
import type { Database } from '../db/database';
import { loadMigrations, migrate } from '../db/migrate';

/** The ledger module's migrations (schema `ledger`). */
export const ledgerMigrations = new URL('./migrations/', import.meta.url);

/**
 * Creates or updates the books. Every service that posts runs it at start-up; idempotent, so each
 * runs it whatever started first (the migration lock makes the others wait).
 */
export async function migrateLedger(db: Database, logger?: Logger): Promise<string[]> {
  return migrate(db, 'ledger', await loadMigrations(ledgerMigrations), logger);
}
