import { join } from 'node:path';
import type { CommonConfig } from '../config/load-config';
import type { Database } from './database';
import { EmbeddedDatabase } from './embedded-database';
import { ServerDatabase } from './server-database';

/** `DATABASE_URL` set → the server; otherwise the embedded database under the data dir. */
export async function openDatabase(config: Pick<CommonConfig, 'DATABASE_URL' | 'DATABASE_POOL_SIZE' | 'HEARTH_DATA_DIR'>): Promise<Database> {
  if (config.DATABASE_URL) return ServerDatabase.open(config.DATABASE_URL, config.DATABASE_POOL_SIZE);
  return EmbeddedDatabase.open({ dataDir: join(config.HEARTH_DATA_DIR, 'db') });
}
