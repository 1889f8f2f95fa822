import { join } from 'node:path';
import type { Logger } from 'pino';
import type { CommonConfig } from '../config/load-config';
import type { Database } from './database';
import { EmbeddedDatabase } from './embedded-database';
import { ServerDatabase } from './server-database';
import { openWhenReachable, redactUrl } from './wait-for-database';

/**
 * `DATABASE_URL` set → the server; otherwise the embedded database under the data dir. With `wait`,
 * a server not reachable yet is waited for (`openWhenReachable`) instead of failing at once.
 */
export async function openDatabase(
  config: Pick<CommonConfig, 'DATABASE_URL' | 'DATABASE_POOL_SIZE' | 'HEARTH_DATA_DIR'>,
  wait?: { logger: Logger; timeoutMs: number },
): Promise<Database> {
  const url = config.DATABASE_URL;
  if (!url) return EmbeddedDatabase.open({ dataDir: join(config.HEARTH_DATA_DIR, 'db') });
  const open = () => ServerDatabase.open(url, config.DATABASE_POOL_SIZE);
  return wait ? openWhenReachable(open, redactUrl(url), wait) : open();
}
