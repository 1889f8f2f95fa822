/** A subgraph's answer for one entity representation, as `_entities` returned it. */
export type CachedEntity = Record<string, unknown>;

export interface EntityCacheOptions {
  /** Most entities kept across all subgraphs and tenants; the least recently stored go first. */
  maxEntries: number;
  /** Longest an answer is served without asking again, in case an invalidation was missed. */
  ttlMs: number;
  now?: () => number;
}

interface Partition {
  /** Bumped by every invalidation: an answer fetched before it is not stored after it. */
  generation: number;
  entries: Map<string, { value: CachedEntity; storedAt: number }>;
}

/**
 * Entity fields that do not change with telemetry (a tank's name, its site), kept per subgraph,
 * tenant and entity so that live events do not fetch them again. A change of any entity of a
 * subgraph for a tenant clears that tenant's partition of it: an answer may hold objects the
 * change touched without naming them (a tank's `site { name }` carries no site id), so only
 * the whole partition is safe to drop. Changes are rare next to telemetry; the next event refetches.
 */
export class EntityCache {
  private readonly partitions = new Map<string, Partition>();
  private size = 0;
  private readonly now: () => number;

  constructor(private readonly options: EntityCacheOptions) {
    this.now = options.now ?? Date.now;
  }

  /** The generation to hand back to `set`, taken before fetching. */
  generation(subgraph: string, tenantId: string): number {
    return this.partition(subgraph, tenantId).generation;
  }

  get(subgraph: string, tenantId: string, key: string): CachedEntity | undefined {
    const partition = this.partitions.get(partitionKey(subgraph, tenantId));
    const entry = partition?.entries.get(key);
    if (!entry) return undefined;
    if (this.now() - entry.storedAt < this.options.ttlMs) return entry.value;
    partition!.entries.delete(key);
    this.size--;
    return undefined;
  }

  /** Stores an answer fetched at `generation`, unless the partition was invalidated since. */
  set(subgraph: string, tenantId: string, generation: number, key: string, value: CachedEntity): void {
    const partition = this.partition(subgraph, tenantId);
    if (partition.generation !== generation) return;
    if (!partition.entries.delete(key)) this.size++;
    partition.entries.set(key, { value, storedAt: this.now() });
    if (this.size > this.options.maxEntries) this.evictOldest();
  }

  /** An entity of `subgraph` changed for `tenantId` (for every tenant when undefined). */
  invalidate(subgraph: string, tenantId?: string): void {
    const partitions =
      tenantId === undefined
        ? [...this.partitions].filter(([key]) => key.startsWith(partitionKey(subgraph, ''))).map(([, p]) => p)
        : [this.partition(subgraph, tenantId)];
    for (const partition of partitions) {
      partition.generation++;
      this.size -= partition.entries.size;
      partition.entries.clear();
    }
  }

  /** Forget everything (the change feed was interrupted: changes may have been missed). */
  clear(): void {
    for (const partition of this.partitions.values()) {
      partition.generation++;
      partition.entries.clear();
    }
    this.size = 0;
  }

  private partition(subgraph: string, tenantId: string): Partition {
    const key = partitionKey(subgraph, tenantId);
    let partition = this.partitions.get(key);
    if (!partition) this.partitions.set(key, (partition = { generation: 0, entries: new Map() }));
    return partition;
  }

  private evictOldest(): void {
    let oldest: { partition: Partition; key: string; at: number } | undefined;
    for (const partition of this.partitions.values()) {
      const first = partition.entries.entries().next().value;
      if (first && (!oldest || first[1].storedAt < oldest.at)) oldest = { partition, key: first[0], at: first[1].storedAt };
    }
    if (oldest && oldest.partition.entries.delete(oldest.key)) this.size--;
  }
}

/** Tenant last, so that a prefix of subgraph alone matches every tenant's partition. */
const partitionKey = (subgraph: string, tenantId: string) => `${subgraph}\u0000${tenantId}`;
