// The embedded database's own thread: PGlite (PostgreSQL + TimescaleDB compiled to WebAssembly) runs
// every statement synchronously on the thread that calls it, so in the main thread each statement would
// stop every socket of every service in the process while it runs. Here it runs beside them
// (docs/adr/0003-embedded-database.md). Plain JavaScript on purpose: a worker is loaded by Node itself,
// without the TypeScript loader the services run under (and the test runner's transform does not reach it).
// The protocol is `pglite-thread.ts`'s: one request in, one reply out, notifications pushed.
import { mkdir } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { timescaledb } from '@electric-sql/pglite/timescaledb';

const port = parentPort;
if (!port) throw new Error('pglite-worker.mjs runs as a worker thread');

/** @param {unknown} err the error PGlite threw: its message and PostgreSQL's fields (code, detail, constraint …) */
function describe(err) {
  if (!(err instanceof Error)) return { message: String(err), fields: {} };
  const fields = {};
  for (const [key, value] of Object.entries(err)) {
    if (typeof value === 'string' || typeof value === 'number') fields[key] = value;
  }
  return { message: err.message, name: err.name, fields };
}

async function open(dataDir) {
  if (!dataDir.startsWith('memory://')) await mkdir(dataDir, { recursive: true });
  const pglite = await PGlite.create({ dataDir, extensions: { timescaledb } });
  // PGlite has no shared_preload_libraries: on a reopened database nothing loads TimescaleDB until
  // some function does, and hypertable inserts then fail ("invalid INSERT on the root table", or the
  // continuous-aggregate trigger "not supported under the current license"). Load it first, always.
  await pglite.exec(`LOAD 'timescaledb'`);
  await pglite.exec('CREATE EXTENSION IF NOT EXISTS timescaledb');
  return pglite;
}

/** Channel → the function that stops PGlite listening on it. */
const listening = new Map();

/**
 * Whether a transaction this thread began is open. The services send a transaction's statements
 * right behind its BEGIN without waiting for it (pglite-thread.ts); a statement meant for a
 * transaction is refused if the BEGIN failed, rather than committed on its own.
 */
let inTransaction = false;

async function handle(pglite, request) {
  switch (request.op) {
    case 'query': {
      if (request.inTransaction && !inTransaction) throw new Error('the transaction this statement belongs to is not open (its BEGIN failed)');
      const result = await pglite.query(request.sql, request.params, request.rowMode === 'array' ? { rowMode: 'array' } : undefined);
      return { rows: result.rows, affectedRows: result.affectedRows };
    }
    case 'exec':
      await pglite.exec(request.sql);
      return {};
    case 'begin':
      await pglite.exec('BEGIN');
      inTransaction = true;
      return {};
    case 'commit':
    case 'rollback':
      inTransaction = false;
      await pglite.exec(request.op === 'commit' ? 'COMMIT' : 'ROLLBACK');
      return {};
    case 'listen':
      if (!listening.has(request.channel)) {
        const stop = await pglite.listen(request.channel, (payload) => port.postMessage({ op: 'notify', channel: request.channel, payload }));
        listening.set(request.channel, stop);
      }
      return {};
    case 'unlisten': {
      const stop = listening.get(request.channel);
      listening.delete(request.channel);
      await stop?.();
      return {};
    }
    case 'close':
      await pglite.exec('CHECKPOINT').catch(() => undefined);
      await pglite.close();
      return {};
    default:
      throw new Error(`pglite-worker: unknown request ${String(request.op)}`);
  }
}

try {
  const pglite = await open(workerData.dataDir);
  port.on('message', (request) => {
    handle(pglite, request).then(
      (reply) => port.postMessage({ id: request.id, ...reply }),
      (err) => port.postMessage({ id: request.id, error: describe(err) }),
    );
  });
  port.postMessage({ op: 'ready' });
} catch (err) {
  port.postMessage({ op: 'failed', error: describe(err) });
}
