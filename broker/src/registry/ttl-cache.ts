/**
 * Cached lookups by key. The promise is cached, so concurrent callers share one query and get
 * answers in the order they asked; a failed lookup is not cached. A delete or clear while a
 * lookup runs keeps its stale answer out of the cache. An answer that is in can be read without
 * waiting (`peek`), for callers on a hot path that must not wait a turn.
 */
type Entry<V> = { value: Promise<V>; expires: number; settled?: { value: V } };

export class TtlCache<V> {
  private readonly entries = new Map<string, Entry<V>>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
  ) {}

  get(key: string, load: () => Promise<V>): Promise<V> {
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && hit.expires > now) return hit.value;
    const entry: Entry<V> = { value: load(), expires: now + this.ttlMs };
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    void entry.value.then(
      (value) => void (entry.settled = { value }),
      () => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
    return entry.value;
  }

  /** The cached answer if it is already in and still fresh, without waiting (undefined otherwise). */
  peek(key: string): { value: V } | undefined {
    const hit = this.entries.get(key);
    return hit && hit.expires > Date.now() ? hit.settled : undefined;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
