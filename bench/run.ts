import { availableParallelism, cpus, totalmem } from 'node:os';
import { EMBEDDED, type DatabaseTarget } from './bench-database';
import { startBenchServer } from './bench-server';
import { benches, serverModeBenches } from './benches';
import { MODES_HEADER, pairModes } from './modes-table';
import { printColumns, printTable } from './report';
import { readResult, resultsFileName, writeResult, type BenchRecord } from './results-file';

// `npm run bench` runs every benchmark; `npm run bench -- <name>…` some; `--smoke` tiny sizes (the test suite uses it);
// `--full` the largest sizes where the default is cut down for time (history: 100 tanks); `--server` on a TimescaleDB
// server instead of the embedded database (TEST_DATABASE_URL, or a cluster of its own), beside the embedded figures.
const flags = new Set(process.argv.slice(2).filter((a) => a.startsWith('--')));
const smoke = flags.has('--smoke');
const size = smoke ? 'smoke' : flags.has('--full') ? 'full' : 'default';
const mode = flags.has('--server') ? 'server' : 'embedded';
const names = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const selected = names.length > 0 ? names : mode === 'server' ? serverModeBenches : Object.keys(benches);
for (const name of selected) if (!(name in benches)) throw new Error(`Unknown benchmark ${name}; known: ${Object.keys(benches).join(', ')}`);
for (const name of selected) {
  if (mode === 'server' && !serverModeBenches.includes(name)) throw new Error(`${name} has no server mode; --server runs ${serverModeBenches.join(', ')}`);
}

const server = mode === 'server' ? await startBenchServer() : null;
const database: DatabaseTarget = server ? { mode: 'server', serverUrl: server.url } : EMBEDDED;
try {
  for (const name of selected) {
    const started = performance.now();
    const { figures, rows } = await benches[name]!(size, database);
    const seconds = Math.round((performance.now() - started) / 1000);
    const title = `${name}${server ? ', server' : ''} (${seconds} s)`;
    const embedded = server ? await readResult(name, size, 'embedded') : null;
    if (server) printModes(title, embedded, rows);
    else printTable(title, rows);
    const machine = { cores: availableParallelism(), cpu: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version };
    const comparedWith = embedded && { file: resultsFileName(name, size, 'embedded'), date: embedded.date };
    const record: BenchRecord = {
      name,
      size,
      mode,
      date: new Date().toISOString(),
      ...machine,
      benchSeconds: seconds,
      ...(server ? { server: server.facts, comparedWith } : {}),
      figures,
      table: rows,
    };
    if (!smoke) await writeResult(record);
  }
} finally {
  await server?.stop();
}
process.exit(0);

/** The server's figures beside the latest embedded run's of the same benchmark and size. */
function printModes(title: string, embedded: BenchRecord | null, rows: Parameters<typeof pairModes>[1]): void {
  printColumns([title, ...MODES_HEADER], pairModes(embedded?.table ?? [], rows));
  console.log(
    embedded
      ? `embedded: results/${resultsFileName(embedded.name, embedded.size, 'embedded')} of ${embedded.date} (run it again for figures of the same hour)`
      : 'embedded: no figures of this size yet (run the same without --server first)',
  );
}
