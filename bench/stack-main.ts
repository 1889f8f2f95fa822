import { appendFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createLogger, DEMO_TENANT_ID } from '@hearth/platform';
import { EmbeddedDatabase, openDatabase } from '@hearth/platform/db';
import { startStack } from '@hearth/stack';
import { traceSql } from './sql-trace';

/**
 * The stack process of the benchmarks: `startStack` exactly as `npm start` (stack/src/main.ts)
 * calls it, without console or simulator, plus what a benchmark must know and main.ts does not
 * print (the subgraphs' internal URLs). With DATABASE_URL it runs on that server through one pool
 * the services share, opened as main.ts opens it (the demo company is seeded in both modes: the
 * benchmark signs in as its admin). With BENCH_PEERS=1 it also starts the peer gateways of
 * the query benchmark in this same process, so they share one event loop with the subgraphs
 * exactly as our gateway does, and the comparison is like for like.
 */
const env = process.env;
const dataDir = env.HEARTH_DATA_DIR!;
const logger = createLogger('hearth', (env.LOG_LEVEL ?? 'error') as Parameters<typeof createLogger>[1]);
const db = env.DATABASE_URL
  ? await openDatabase({ DATABASE_URL: env.DATABASE_URL, DATABASE_POOL_SIZE: Number(env.DATABASE_POOL_SIZE ?? 10), HEARTH_DATA_DIR: dataDir })
  : undefined;
const stack = await startStack({
  dataDir,
  db,
  logger,
  host: '127.0.0.1',
  gatewayPort: Number(env.GATEWAY_PORT ?? 0),
  consolePort: null,
  mqttPort: Number(env.MQTT_PORT ?? 0),
  simulate: false,
  tenantId: DEMO_TENANT_ID,
  // One session stands for the live benchmark's thousand customers, each of whom would hold a few.
  gatewaySubscriptions: { maxPerPrincipal: 100_000 },
});
// The same subgraphs as our gateway composes (start-stack.ts), so the peers plan over the same supergraph.
const subgraphs = [
  { name: 'tanks', url: stack.tanks.graphqlUrl },
  { name: 'twins', url: stack.twins.graphqlUrl },
  { name: 'fleet', url: stack.twins.fleet.graphqlUrl },
];
// BENCH_TRACE_SQL=<file>: statement counts and times, written at shutdown (see sql-trace.ts); the
// embedded session's only (a server has pg_stat_statements for that).
const sqlReport = env.BENCH_TRACE_SQL && stack.db instanceof EmbeddedDatabase ? traceSql(stack.db.session) : null;
const credentials = { tenantId: DEMO_TENANT_ID, contextPrivateKeyPem: stack.contextKeys.privateKeyPem };
// Imported only when wanted: Hive Gateway alone takes seconds to load.
const peers = env.BENCH_PEERS === '1' ? await (await import('./peer-gateways')).startPeerGateways(subgraphs, credentials) : null;
// The benchmark signs its direct subgraph calls (the query floor) with this run's key, as tests do.
await writeFile(join(dataDir, 'context-key.pem'), stack.contextKeys.privateKeyPem, { mode: 0o600 });

const urls = {
  gateway: stack.urls.graphql,
  ws: stack.urls.ws,
  mqtt: stack.urls.mqtt,
  metrics: stack.urls.metrics,
  subgraphs: Object.fromEntries(subgraphs.map((s) => [s.name, s.url])),
  peers: peers?.urls ?? {},
};
process.stdout.write(`BENCH_URLS ${JSON.stringify(urls)}\nHearth is running\n`);

// SIGUSR2: collect garbage now (started with --expose-gc), so a heap figure read next is what is live.
process.on('SIGUSR2', () => (globalThis as { gc?: () => void }).gc?.());

// Stops when its stdin closes (the benchmark ends it, or died). Not on SIGTERM: Apollo Server's own
// SIGTERM handlers stop their server and re-raise the signal, which can kill the process halfway
// through stack.close() (before the ingest pipeline drained and PGlite checkpointed).
let stopping = false;
process.stdin.on('end', () => {
  if (stopping) return;
  stopping = true;
  void (async () => {
    await peers?.close();
    await stack.close();
    if (sqlReport) await appendFile(env.BENCH_TRACE_SQL!, `\n# ${new Date().toISOString()} pid ${process.pid}\n${sqlReport()}\n`);
    process.exit(0);
  })();
});
process.stdin.resume();
