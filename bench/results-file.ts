import { mkdir, readFile, writeFile } from 'node:fs/promises';
import type { DatabaseMode } from './bench-database';
import type { BenchSize } from './benches';
import type { ServerFacts } from './bench-server';
import type { TableRow } from './report';

/** bench/results/<name>.json: one run of one benchmark, with the machine it ran on. */
export interface BenchRecord {
  name: string;
  size: BenchSize;
  /** Absent in records written before server mode existed: those are embedded. */
  mode?: DatabaseMode;
  date: string;
  cores: number;
  cpu: string | undefined;
  memoryGiB: number;
  node: string;
  benchSeconds: number;
  /** Server mode: which server, and its durability settings. */
  server?: ServerFacts;
  /** Server mode: the embedded record its table was set beside. */
  comparedWith?: { file: string; date: string } | null;
  figures: Record<string, unknown>;
  table: TableRow[];
}

/** `<name>.json`; `-full` for `--full` (kept beside the default: they take much longer); `-server` for `--server`. */
export const resultsFileName = (name: string, size: BenchSize, mode: DatabaseMode): string =>
  `${name}${size === 'full' ? '-full' : ''}${mode === 'server' ? '-server' : ''}.json`;

const resultsUrl = (file: string) => new URL(`./results/${file}`, import.meta.url);

export async function writeResult(record: BenchRecord): Promise<void> {
  await mkdir(resultsUrl(''), { recursive: true });
  await writeFile(resultsUrl(resultsFileName(record.name, record.size, record.mode ?? 'embedded')), JSON.stringify(record, null, 2) + '\n');
}

/** The latest record of `name` at `size` in `mode`, or null (none yet, or written at another size). */
export async function readResult(name: string, size: BenchSize, mode: DatabaseMode): Promise<BenchRecord | null> {
  const text = await readFile(resultsUrl(resultsFileName(name, size, mode)), 'utf8').catch(() => null);
  if (text === null) return null;
  const record = JSON.parse(text) as BenchRecord;
  return record.size === size && (record.mode ?? 'embedded') === mode ? record : null;
}
