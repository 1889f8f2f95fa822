import pg from 'pg';

const NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** The same server URL, naming another database. */
export function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

async function onServer<T>(serverUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Creates database `name` on the server `serverUrl` names (any database of it: the connection is
 * only for CREATE DATABASE), with the timescaledb extension unless told not to, and returns its
 * URL. For tests and tools: a service expects its database to exist.
 */
export async function createDatabase(serverUrl: string, name: string, options: { timescaledb?: boolean } = {}): Promise<string> {
  if (!NAME.test(name)) throw new Error(`Not a database name we create: ${name}`);
  await onServer(serverUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = withDatabaseName(serverUrl, name);
  if (options.timescaledb !== false) await onServer(url, (client) => client.query('CREATE EXTENSION IF NOT EXISTS timescaledb'));
  return url;
}

/** Drops database `name`, ending its sessions (TimescaleDB's job scheduler holds one). */
export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  if (!NAME.test(name)) throw new Error(`Not a database name we drop: ${name}`);
  await onServer(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

/** The databases whose names start with `prefix` (a test run's, to drop what it left). */
export async function listDatabases(serverUrl: string, prefix: string): Promise<string[]> {
  const rows = await onServer(serverUrl, (client) =>
    client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE starts_with(datname, $1)', [prefix]),
  );
  return rows.rows.map((r) => r.datname);
}
