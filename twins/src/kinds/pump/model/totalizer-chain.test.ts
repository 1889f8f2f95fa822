import { describe, expect, it } from 'vitest';
import { addSale, emptyChain, KEEP_PER_NOZZLE, type TotalizerChain, type TotalizerGap } from './totalizer-chain';

/** Sales as [counter, nozzle, startMl, endMl], added in the order given; every gap found. */
function feed(sales: [number, number, number, number][], chain: TotalizerChain = emptyChain()): { chain: TotalizerChain; gaps: TotalizerGap[] } {
  const gaps: TotalizerGap[] = [];
  for (const [counter, nozzle, startMl, endMl] of sales) {
    const added = addSale(chain, nozzle, { counter, startMl, endMl });
    chain = added.chain;
    gaps.push(...added.gaps);
  }
  return { chain, gaps };
}
const pairs = (gaps: TotalizerGap[]) => gaps.map((g) => [g.nozzle, g.before.counter, g.after.counter, g.gapMl]);

describe('totaliser continuity', () => {
  it('finds nothing while each sale starts where the last on its nozzle ended, nozzles interleaved', () => {
    expect(
      feed([
        [1, 1, 0, 100],
        [2, 2, 500, 650],
        [3, 1, 100, 180],
        [4, 1, 180, 200],
        [5, 2, 650, 700],
      ]).gaps,
    ).toEqual([]);
  });

  it('finds a sale that does not start where its neighbour on the nozzle ended', () => {
    expect(
      pairs(
        feed([
          [7, 1, 0, 100],
          [8, 1, 130, 200],
        ]).gaps,
      ),
    ).toEqual([[1, 7, 8, 30]]);
  });

  it('takes a hole in the counters for records still to come, and judges when the missing one arrives', () => {
    const first = feed([
      [1, 1, 0, 100],
      [3, 1, 120, 200],
    ]);
    expect(first.gaps).toEqual([]);
    // Sale 2 was on nozzle 2: now 1 and 3 are neighbours on nozzle 1, and 20 ml are missing between them.
    expect(pairs(feed([[2, 2, 900, 950]], first.chain).gaps)).toEqual([[1, 1, 3, 20]]);
  });

  it('judges a backlog uploaded out of order against its neighbours by counter, not by arrival', () => {
    const { gaps } = feed([
      [14, 1, 400, 500],
      [11, 1, 100, 200],
      [13, 1, 300, 400],
      [12, 1, 200, 290],
    ]);
    expect(pairs(gaps)).toEqual([[1, 12, 13, 10]]);
  });

  it('judges a sale repeated in an upload once', () => {
    const { gaps } = feed([
      [1, 1, 0, 100],
      [2, 1, 150, 200],
      [2, 1, 150, 200],
      [1, 1, 0, 100],
      [2, 1, 150, 200],
    ]);
    expect(pairs(gaps)).toEqual([[1, 1, 2, 50]]);
  });

  it('never takes a forgotten sale’s neighbour for its own: a long backlog in reverse finds no false gap', () => {
    const sales: [number, number, number, number][] = [];
    for (let c = 40 + KEEP_PER_NOZZLE * 3; c >= 40; c--) sales.push([c, 1, c * 10, c * 10 + 10]);
    const { chain, gaps } = feed(sales);
    expect(gaps).toEqual([]);
    expect(chain.nozzles[1]?.kept).toHaveLength(KEEP_PER_NOZZLE);
  });
});
