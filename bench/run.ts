import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { ingestBench } from './ingest';
import { liveLatencyBench } from './live-latency';

// `npm run bench` runs every benchmark; `npm run bench -- <name>` one; `--smoke` tiny sizes (the test suite uses it).
const smoke = process.argv.includes('--smoke');
const benches: Record<string, () => Promise<Record<string, unknown>>> = {
  ingest: () => ingestBench(smoke ? { seconds: 2, publishers: 1, window: 50 } : { seconds: 20, publishers: 4, window: 500 }),
  'live-latency': () => liveLatencyBench(smoke ? { rate: 100, seconds: 2, warmupSeconds: 0 } : { rate: 1000, seconds: 20 }),
};
const names = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const selected = names.length > 0 ? names : Object.keys(benches);
for (const name of selected) {
  const bench = benches[name];
  if (!bench) throw new Error(`Unknown benchmark ${name}; known: ${Object.keys(benches).join(', ')}`);
  const figures = await bench();
  const result = { name, smoke, date: new Date().toISOString(), cores: availableParallelism(), node: process.version, figures };
  console.log(`${name}: ${JSON.stringify(figures)}`);
  if (!smoke) {
    await mkdir(new URL('./results/', import.meta.url), { recursive: true });
    await writeFile(new URL(`./results/${name}.json`, import.meta.url), JSON.stringify(result, null, 2) + '\n');
  }
}
process.exit(0);
