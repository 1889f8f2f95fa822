import type { LoadedSupergraph } from './loaded-supergraph';

/**
 * Work that depends only on the supergraph version and a key (a document's text), done once:
 * a thousand clients opening the same subscription are parsed, validated and planned once. A
 * new supergraph starts empty; past `max` keys the oldest go.
 */
export function perSupergraphCache<T>(max: number): (supergraph: LoadedSupergraph, key: string, make: () => T) => T {
  const bySupergraph = new WeakMap<LoadedSupergraph, Map<string, T>>();
  return (supergraph, key, make) => {
    let cache = bySupergraph.get(supergraph);
    if (!cache) bySupergraph.set(supergraph, (cache = new Map()));
    if (cache.has(key)) return cache.get(key)!;
    const value = make();
    cache.set(key, value);
    if (cache.size > max) cache.delete(cache.keys().next().value!);
    return value;
  };
}
