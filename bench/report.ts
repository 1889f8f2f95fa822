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

export const cells = (r: TableRow): string[] => [r.measure, r.value, r.reference ?? '', r.ratio ?? ''];

export function printTable(name: string, rows: TableRow[]): void {
  printColumns([name, 'figure', 'ceiling / peer', 'ratio'], rows.map(cells));
}

/** A Markdown table, columns padded to their widest cell (it reads on the terminal and pastes into a README). */
export function printColumns(header: string[], rows: string[][]): void {
  const width = header.map((_, i) => Math.max(...[header, ...rows].map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => `| ${width.map((w, i) => (r[i] ?? '').padEnd(w)).join(' | ')} |`;
  console.log(['', line(header), `|${width.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n'));
}

/** A line on stderr while a long benchmark runs (the table comes at the end). */
export const progress = (message: string): void => void process.stderr.write(`  … ${message}\n`);
