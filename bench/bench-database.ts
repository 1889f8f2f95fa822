import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createDatabase, dropDatabase, EmbeddedDatabase, ServerDatabase, type Database } from '@hearth/platform/db';

/**
 * Where a benchmark's database lives: the embedded PGlite-TimescaleDB under a data dir (the
 * default, `npm start`'s), or a TimescaleDB server (`--server`), the path a gas company deploys.
 */
export type DatabaseTarget = { mode: 'embedded' } | { mode: 'server'; serverUrl: string };

export type DatabaseMode = DatabaseTarget['mode'];

export const EMBEDDED: DatabaseTarget = { mode: 'embedded' };

/** One benchmark's own database: seeded and counted directly, handed to the stack, removed at the end. */
export interface FreshDatabase {
  mode: DatabaseMode;
  /** The server database's URL (the stack's `DATABASE_URL`); null embedded (the stack opens `dataDir/db`). */
  url: string | null;
  /** Opens it in this process (embedded: only while no stack holds the data dir, PGlite is one process's). */
  open(): Promise<Database>;
  /** Drops the server database; embedded it goes with the data dir, which its owner removes. */
  remove(): Promise<void>;
}

/** The prefix of every database a bench process creates, so it can drop what a failed run left. */
export const benchDatabasePrefix = (pid = process.pid): string => `hearth_bench_${pid}_`;

let created = 0;

/**
 * A new, empty database for one benchmark: under `dataDir` embedded, or its own database on the
 * server (with the timescaledb extension), so no run sees another's rows, as each test file gets its own.
 */
export async function freshDatabase(target: DatabaseTarget, dataDir: string): Promise<FreshDatabase> {
  if (target.mode === 'embedded') {
    return {
      mode: 'embedded',
      url: null,
      open: () => EmbeddedDatabase.open({ dataDir: join(dataDir, 'db'), checkpointIntervalMs: 0 }),
      remove: async () => undefined,
    };
  }
  const name = `${benchDatabasePrefix()}${++created}_${randomBytes(3).toString('hex')}`;
  const url = await createDatabase(target.serverUrl, name);
  return {
    mode: 'server',
    url,
    // A few connections: seeding and counting are one statement at a time, history's queries too.
    open: () => ServerDatabase.open(url, 4),
    remove: () => dropDatabase(target.serverUrl, name),
  };
}
