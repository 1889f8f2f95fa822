import type { TableRow } from './report';

export const MODES_HEADER = ['embedded', 'ceiling / peer', 'ratio', 'server', 'ceiling / peer', 'ratio'];

/**
 * The server run's table beside the embedded run's, measure by measure: each side keeps the
 * reference and ratio of its own run (a ratio compares figures of one run on one machine; figures
 * of two runs, taken minutes apart on a shared machine, do not compare as well). Rows pair by their
 * measure; a row without one (a continuation) pairs by its place after the last row that has one.
 * Measures only one side has keep their place, the other side's cells empty.
 */
export function pairModes(embedded: TableRow[], server: TableRow[]): string[][] {
  const embeddedByKey = new Map(keyed(embedded).map(([key, row]) => [key, row]));
  const side = (r: TableRow | undefined) => (r ? [r.value, r.reference ?? '', r.ratio ?? ''] : ['', '', '']);
  const serverKeys = new Set<string>();
  const lines = keyed(server).map(([key, row]) => {
    serverKeys.add(key);
    return [row.measure, ...side(embeddedByKey.get(key)), ...side(row)];
  });
  const embeddedOnly = keyed(embedded).filter(([key]) => !serverKeys.has(key));
  return [...lines, ...embeddedOnly.map(([, row]) => [row.measure, ...side(row), ...side(undefined)])];
}

/** Each row with a key that is the same in both runs: its measure and how often that measure came before. */
function keyed(rows: TableRow[]): [string, TableRow][] {
  const seen = new Map<string, number>();
  let named = '';
  return rows.map((row) => {
    if (row.measure) named = row.measure;
    const base = row.measure || `${named} (continued)`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return [`${base}#${n}`, row];
  });
}
