import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import type { Logger } from 'pino';
import type { Database } from './database';

export interface Migration {
  id: string;
  sql: string;
}

/** Marks a migration that must run outside a transaction (e.g. creating a continuous aggregate). */
const NO_TRANSACTION = '-- hearth:no-transaction';

/** Reads `NNNN-name.sql` files from a folder, in order. */
export async function loadMigrations(dir: URL): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => /^\d{4}-[\w-]+\.sql$/.test(f)).sort();
  return Promise.all(files.map(async (f) => ({ id: f.replace(/\.sql$/, ''), sql: await readFile(new URL(f, dir), 'utf8') })));
}

const checksum = (sql: string) => createHash('sha256').update(sql).digest('hex').slice(0, 16);

/** The one lock every migration of every module takes (see `migrate`). */
export const MIGRATION_LOCK = 'hearth_migrate';

/**
 * Applies a module's migrations that are not applied yet. Each module (tanks, twins, broker…)
 * owns its own PostgreSQL schema and its own migration list, so services migrate independently.
 * An applied migration whose text changed is an error: migrations are append-only.
 *
 * Replicas of a service, and services sharing a server, may start together: whoever takes the
 * migration lock (a session advisory lock on a server) migrates, the others wait, then read what it
 * applied and find nothing left. One lock for every module, because the bookkeeping table and
 * schema-level statements (`CREATE TABLE IF NOT EXISTS` races in the catalogue) are shared too, and
 * because statements that refuse a transaction (continuous aggregates) have no transaction to lock in.
 */
export async function migrate(db: Database, module: string, migrations: Migration[], logger?: Logger): Promise<string[]> {
  const onWait = () => logger?.info({ module }, 'another instance is migrating; waiting for it');
  return db.withAdvisoryLock(MIGRATION_LOCK, () => migrateLocked(db, module, migrations, logger), { onWait });
}

async function migrateLocked(db: Database, module: string, migrations: Migration[], logger?: Logger): Promise<string[]> {
  await db.exec(`CREATE TABLE IF NOT EXISTS public.hearth_migration (
    module text NOT NULL, id text NOT NULL, checksum text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (module, id))`);
  const rows = await db.query<{ id: string; checksum: string }>('SELECT id, checksum FROM public.hearth_migration WHERE module = $1', [module]);
  const applied = new Map(rows.map((r) => [r.id, r.checksum]));
  const done: string[] = [];
  for (const m of migrations) {
    const sum = checksum(m.sql);
    const known = applied.get(m.id);
    if (known !== undefined) {
      if (known !== sum) throw new Error(`Migration ${module}/${m.id} was changed after it was applied; add a new migration instead.`);
      continue;
    }
    const record = 'INSERT INTO public.hearth_migration (module, id, checksum) VALUES ($1, $2, $3)';
    if (m.sql.startsWith(NO_TRANSACTION)) {
      // Statements that refuse transaction blocks run one by one; write them idempotently (IF NOT
      // EXISTS): a process that dies half-way leaves some of them done.
      for (const statement of splitStatements(m.sql)) await db.exec(statement);
      await db.query(record, [module, m.id, sum]);
    } else {
      await db.transaction(async (tx) => {
        for (const statement of splitStatements(m.sql)) await tx.query(statement);
        await tx.query(record, [module, m.id, sum]);
      });
    }
    logger?.info({ module, migration: m.id }, 'migration applied');
    done.push(m.id);
  }
  return done;
}

/**
 * Splits a script on semicolons at the end of a line, keeping `$$ … $$` bodies whole.
 * Migrations are our own files, so this simple rule is enough and keeps errors pointing at one statement.
 */
export function splitStatements(sql: string): string[] {
  const statements: string[] = [];
  let current = '';
  let inDollar = false;
  for (const line of sql.split('\n')) {
    if (line.trim().startsWith('--') && current.trim() === '') continue;
    current += line + '\n';
    const dollars = line.match(/\$\$/g)?.length ?? 0;
    if (dollars % 2 === 1) inDollar = !inDollar;
    if (!inDollar && /;\s*(--.*)?$/.test(line)) {
      statements.push(current.trim());
      current = '';
    }
  }
  if (current.trim()) statements.push(current.trim());
  return statements;
}
