import { describe, expect, it } from 'vitest';
import type { LoadedSupergraph } from './loaded-supergraph';
import { perSupergraphCache } from './per-supergraph-cache';

describe('perSupergraphCache', () => {
  it('makes a value once per supergraph and key, again for a new supergraph, and keeps at most max keys', () => {
    const cache = perSupergraphCache<string>(2);
    const [v1, v2] = [{}, {}] as LoadedSupergraph[];
    let made = 0;
    const get = (sg: LoadedSupergraph, key: string) => cache(sg, key, () => `${key}#${++made}`);
    expect([get(v1!, 'a'), get(v1!, 'a'), get(v2!, 'a')]).toEqual(['a#1', 'a#1', 'a#2']);
    get(v1!, 'b');
    get(v1!, 'c');
    expect(get(v1!, 'a')).toBe('a#5');
  });
});
