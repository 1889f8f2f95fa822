import { describe, expect, it } from 'vitest';
import { EntityCache } from './entity-cache';

describe('EntityCache', () => {
  it('clears one tenant of one subgraph on a change, leaving other tenants and subgraphs', () => {
    const cache = new EntityCache({ maxEntries: 10, ttlMs: 1000 });
    for (const [sub, tenant] of [
      ['tanks', 't1'],
      ['tanks', 't10'],
      ['sites', 't1'],
    ] as const)
      cache.set(sub, tenant, cache.generation(sub, tenant), 'k', { name: `${sub} ${tenant}` });
    cache.invalidate('tanks', 't1');
    expect(cache.get('tanks', 't1', 'k')).toBeUndefined();
    expect(cache.get('tanks', 't10', 'k')).toEqual({ name: 'tanks t10' });
    expect(cache.get('sites', 't1', 'k')).toEqual({ name: 'sites t1' });
    cache.invalidate('tanks');
    expect(cache.get('tanks', 't10', 'k')).toBeUndefined();
  });

  it('serves an entry no longer than its time to live and holds at most maxEntries', () => {
    let now = 0;
    const cache = new EntityCache({ maxEntries: 2, ttlMs: 1000, now: () => now });
    for (const key of ['a', 'b', 'c']) cache.set('tanks', 't1', 0, key, { key });
    expect(cache.get('tanks', 't1', 'a')).toBeUndefined();
    expect(cache.get('tanks', 't1', 'c')).toEqual({ key: 'c' });
    now = 1000;
    expect(cache.get('tanks', 't1', 'c')).toBeUndefined();
  });
});
