import type { ImportProblem } from './import.types';

/** Problems listed in a result; `rejectedRows` says how many rows had one. */
export const MAX_LISTED_PROBLEMS = 1000;

export interface ImportResult {
  /** Data rows in the file. */
  rows: number;
  /** Rows written: all of them, or none when any row has a problem. */
  imported: number;
  rejectedRows: number;
  /** By row; row 0 is the file as a whole (its header, its form). */
  problems: ImportProblem[];
}

/** Nothing imported, and why: every problem, sorted by row (the first MAX_LISTED_PROBLEMS). */
export function refused(rows: number, problems: ImportProblem[]): ImportResult {
  const sorted = [...problems].sort((a, b) => a.row - b.row);
  return { rows, imported: 0, rejectedRows: new Set(sorted.filter((p) => p.row > 0).map((p) => p.row)).size, problems: sorted.slice(0, MAX_LISTED_PROBLEMS) };
}
