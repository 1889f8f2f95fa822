import { describe, expect, it } from 'vitest';
import { ingestBench } from './ingest';
import { liveLatencyBench } from './live-latency';

// Tiny runs so the benchmarks keep working; figures are printed by `npm run bench`, never asserted.
describe('benchmarks (smoke)', () => {
  it('ingest stores every acknowledged message exactly once', async () => {
    const figures = await ingestBench({ seconds: 1, publishers: 2, window: 20 });
    expect(figures.messages).toBeGreaterThan(0);
    expect(figures.storedRows).toBe(figures.messages);
  });

  it('live-latency matches events to publishes', async () => {
    const figures = await liveLatencyBench({ rate: 50, seconds: 1, warmupSeconds: 0 });
    expect(figures.events).toBeGreaterThan(0);
    expect(figures.p50Ms).toBeGreaterThan(0);
  });
});
