/**
 * Totaliser continuity (DOMAIN: each sale starts where the previous one on its nozzle ended). The
 * pump numbers its sales with one counter across its nozzles, and an offline station uploads them
 * later, repeated and out of order. Two sales of a nozzle are neighbours once every counter between
 * them is known and on other nozzles; only then can the second's start be held against the first's
 * end: a hole in the counters is records still to come, never a gap. So a sale is judged when it
 * arrives and judged again when a missing neighbour does.
 *
 * Bounded: the counters known as at most `MAX_RUNS` runs of consecutive numbers, and per nozzle its
 * `KEEP_PER_NOZZLE` highest sales. Forgetting only ever costs a judgement, never a false gap.
 */
export interface SaleReading {
  counter: number;
  startMl: number;
  endMl: number;
}

export interface NozzleSales {
  /** Its most recent sales, by counter. */
  kept: SaleReading[];
  /** The highest counter of its sales let go (all kept ones are above); null while none was. */
  forgottenThrough: number | null;
}

export interface TotalizerChain {
  /** The counters known, as [first, last] runs of consecutive numbers, lowest first. */
  runs: [number, number][];
  /** By nozzle number. */
  nozzles: Record<string, NozzleSales>;
}

/** A sale that did not start where its neighbour on the nozzle ended. */
export interface TotalizerGap {
  nozzle: number;
  before: SaleReading;
  after: SaleReading;
  /** `after.startMl - before.endMl`: positive, fuel drawn off the record; negative, a totaliser that went back. */
  gapMl: number;
}

export const MAX_RUNS = 32;
export const KEEP_PER_NOZZLE = 16;

export const emptyChain = (): TotalizerChain => ({ runs: [], nozzles: {} });

/** Whether the sale's counter is known already (a repeat of a record the pump uploaded again). */
export const isKnown = (chain: TotalizerChain, counter: number): boolean => chain.runs.some(([first, last]) => counter >= first && counter <= last);

/**
 * Adds a sale and returns the gaps it lets be judged: against its neighbours on its nozzle, and
 * between neighbours on other nozzles it was the last missing counter between. A repeat adds and
 * judges nothing.
 */
export function addSale(chain: TotalizerChain, nozzle: number, sale: SaleReading): { chain: TotalizerChain; gaps: TotalizerGap[] } {
  if (isKnown(chain, sale.counter)) return { chain, gaps: [] };
  const runs = withCounter(chain.runs, sale.counter);
  const linked = (a: number, b: number) => runs.some(([first, last]) => a >= first && b <= last);
  const gaps: TotalizerGap[] = [];
  const judge = (n: number, before: SaleReading, after: SaleReading) => {
    if (linked(before.counter, after.counter) && before.endMl !== after.startMl) gaps.push({ nozzle: n, before, after, gapMl: after.startMl - before.endMl });
  };

  const own = chain.nozzles[nozzle] ?? { kept: [], forgottenThrough: null };
  const before = own.kept.findLast((s) => s.counter < sale.counter);
  const after = own.kept.find((s) => s.counter > sale.counter);
  if (before) judge(nozzle, before, sale);
  // A sale let go may lie between this one and the lowest kept: then that one is not its neighbour.
  if (after && (own.forgottenThrough === null || own.forgottenThrough < sale.counter)) judge(nozzle, sale, after);

  for (const [key, other] of Object.entries(chain.nozzles)) {
    if (Number(key) === nozzle) continue;
    const next = other.kept.findIndex((s) => s.counter > sale.counter);
    const prev = next > 0 ? other.kept[next - 1] : undefined;
    const succ = other.kept[next];
    if (prev && succ) judge(Number(key), prev, succ);
  }
  return { chain: { runs, nozzles: { ...chain.nozzles, [nozzle]: kept(own, sale) } }, gaps };
}

/** The runs with one more counter, merged with its neighbours; the lowest let go past `MAX_RUNS`. */
function withCounter(runs: [number, number][], counter: number): [number, number][] {
  const merged: [number, number][] = [];
  let added: [number, number] = [counter, counter];
  for (const run of runs) {
    if (run[1] + 1 < added[0] || run[0] - 1 > added[1]) merged.push(run);
    else added = [Math.min(run[0], added[0]), Math.max(run[1], added[1])];
  }
  merged.push(added);
  merged.sort((a, b) => a[0] - b[0]);
  return merged.slice(-MAX_RUNS);
}

function kept(sales: NozzleSales, sale: SaleReading): NozzleSales {
  const all = [...sales.kept, sale].sort((a, b) => a.counter - b.counter);
  const dropped = all.slice(0, Math.max(0, all.length - KEEP_PER_NOZZLE));
  const last = dropped.at(-1);
  return { kept: all.slice(dropped.length), forgottenThrough: last ? Math.max(last.counter, sales.forgottenThrough ?? -1) : sales.forgottenThrough };
}
