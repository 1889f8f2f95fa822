/** One line of the printed table: a figure, what it is compared with, and the ratio. */
export interface TableRow {
  measure: string;
  value: string;
  /** The ceiling or peer measured in the same run on the same machine. */
  reference?: string;
  ratio?: string;
}

export interface BenchResult {
  /** Everything measured, written to bench/results/<name>.json. */
  figures: Record<string, unknown>;
  rows: TableRow[];
}

export const fmt = (v: number, unit = ''): string =>
  `${Number.isFinite(v) ? v.toLocaleString('en-US', { maximumFractionDigits: v < 10 ? 2 : v < 100 ? 1 : 0 }) : '–'}${unit}`;

/** `a / b` as "0.42×" (how much of the ceiling, or how many times the peer). */
export const ratio = (a: number, b: number): string => (b > 0 && Number.isFinite(a / b) ? `${(a / b).toFixed(2)}×` : '–');

export function printTable(name: string, rows: TableRow[]): void {
  const header: TableRow = { measure: name, value: 'figure', reference: 'ceiling / peer', ratio: 'ratio' };
  const all = [header, ...rows];
  const width = (k: keyof TableRow) => Math.max(...all.map((r) => (r[k] ?? '').length));
  const line = (r: TableRow) => `| ${(['measure', 'value', 'reference', 'ratio'] as const).map((k) => (r[k] ?? '').padEnd(width(k))).join(' | ')} |`;
  console.log(
    ['', line(header), `|${(['measure', 'value', 'reference', 'ratio'] as const).map((k) => '-'.repeat(width(k) + 2)).join('|')}|`, ...rows.map(line)].join(
      '\n',
    ),
  );
}

/** A line on stderr while a long benchmark runs (the table comes at the end). */
export const progress = (message: string): void => void process.stderr.write(`  … ${message}\n`);
