import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { benches } from './benches';
import { printTable } from './report';

// `npm run bench` runs every benchmark; `npm run bench -- <name>…` some; `--smoke` tiny sizes (the test suite uses it);
// `--full` the largest sizes where the default is cut down for time (history: 100 tanks).
const flags = new Set(process.argv.slice(2).filter((a) => a.startsWith('--')));
const smoke = flags.has('--smoke');
const size = smoke ? 'smoke' : flags.has('--full') ? 'full' : 'default';
const names = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const selected = names.length > 0 ? names : Object.keys(benches);
for (const name of selected) if (!(name in benches)) throw new Error(`Unknown benchmark ${name}; known: ${Object.keys(benches).join(', ')}`);

for (const name of selected) {
  const started = performance.now();
  const { figures, rows } = await benches[name]!(size);
  const seconds = Math.round((performance.now() - started) / 1000);
  printTable(`${name} (${seconds} s)`, rows);
  const machine = { cores: availableParallelism(), cpu: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version };
  const result = { name, size, date: new Date().toISOString(), ...machine, benchSeconds: seconds, figures, table: rows };
  if (!smoke) {
    await mkdir(new URL('./results/', import.meta.url), { recursive: true });
    // `--full` figures are kept beside the default ones (they take much longer to make).
    await writeFile(new URL(`./results/${name}${size === 'full' ? '-full' : ''}.json`, import.meta.url), JSON.stringify(result, null, 2) + '\n');
  }
}
process.exit(0);
