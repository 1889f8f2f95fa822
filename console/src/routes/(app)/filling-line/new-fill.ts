import type { ScaleTwin } from '$lib/api/filling-types';

/** Whether a twin reports a fill the one before did not: the day's totals and fills are read again. */
export function reportsNewFill(before: ScaleTwin | null, after: ScaleTwin | null): boolean {
  const next = after?.lastFill;
  return !!next && next.at !== before?.lastFill?.at;
}
