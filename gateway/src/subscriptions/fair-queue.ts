/**
 * Queued work of many tenants, taken in turns: each `shift` takes the oldest item of the next
 * tenant with work waiting (round-robin), so a tenant with a thousand items waiting delays
 * another tenant's item by one of its own, not by a thousand.
 */
export class FairQueue<T> {
  /** Per tenant, in turn order: Map keeps insertion order, and a served tenant re-enters at the back. */
  private readonly byTenant = new Map<string, T[]>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  push(tenantId: string, item: T): void {
    const queue = this.byTenant.get(tenantId);
    if (queue) queue.push(item);
    else this.byTenant.set(tenantId, [item]);
    this.count++;
  }

  shift(): T | undefined {
    const next = this.byTenant.entries().next();
    if (next.done) return undefined;
    const [tenantId, queue] = next.value;
    const item = queue.shift()!;
    this.byTenant.delete(tenantId);
    if (queue.length > 0) this.byTenant.set(tenantId, queue);
    this.count--;
    return item;
  }
}

/** Runs async tasks, at most `maxConcurrent` at once, taking waiting ones tenant by tenant in turn. */
export function createFairScheduler(maxConcurrent: number): <R>(tenantId: string, task: () => Promise<R>) => Promise<R> {
  const waiting = new FairQueue<() => void>();
  let running = 0;
  const next = () => {
    while (running < maxConcurrent && waiting.size > 0) {
      running++;
      waiting.shift()!();
    }
  };
  return (tenantId, task) =>
    new Promise((resolve, reject) => {
      waiting.push(tenantId, () => {
        task()
          .then(resolve, reject)
          .finally(() => {
            running--;
            next();
          });
      });
      next();
    });
}
