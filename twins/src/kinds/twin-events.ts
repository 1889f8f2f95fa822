import { LatestByKey } from '../ingest/latest-by-key';
import type { DeviceTwin } from './twin-kind';

/**
 * Committed changes of one kind's twins to its GraphQL subscriptions, indexed by tenant and device:
 * a change reaches only the subscriptions watching its device (or all of the tenant's), so a
 * thousand subscriptions of one device each cost one lookup per change, not a thousand filters.
 * Each subscription keeps the newest waiting state per device (a twin is a state, not a log), so
 * a slow reader holds at most one per device. One twins instance serves its own subscribers;
 * other instances' changes arrive through the ingest pipeline (docs/adr/0014).
 */
export class TwinEvents<State extends DeviceTwin> {
  private readonly byDevice = new Map<string, Set<LatestByKey<State>>>();
  private readonly byTenant = new Map<string, Set<LatestByKey<State>>>();
  /** Committed changes not yet fanned out, the newest per device, oldest device first (see `publish`). */
  private readonly backlog = new Map<string, State>();

  constructor(
    private readonly idOf: (twin: State) => string,
    private readonly sliceSize = 200,
  ) {}

  /**
   * Fans out a committed batch's changes a slice per turn of the event loop. Each change wakes its
   * subscribers' GraphQL right away, so thousands at once made one long turn of the services'
   * thread, and the next batch's statements, the database's replies and every socket waited
   * behind it. A device changed again before its turn goes out once, with its newest state,
   * keeping its place.
   */
  publish(twins: readonly State[]): void {
    if (twins.length === 0) return;
    const idle = this.backlog.size === 0;
    for (const twin of twins) this.backlog.set(key(twin.tenantId, this.idOf(twin)), twin);
    if (idle) setImmediate(() => this.fanOutSlice());
  }

  /** Changes of the given devices (every device of the tenant when `ids` is empty), until the reader returns. */
  changes(tenantId: string, ids: readonly string[]): AsyncIterableIterator<State> {
    const keys = ids.length === 0 ? [tenantId] : [...new Set(ids)].map((id) => key(tenantId, id));
    const index = ids.length === 0 ? this.byTenant : this.byDevice;
    const queue = new LatestByKey<State>(() => {
      for (const k of keys) {
        const set = index.get(k);
        set?.delete(queue);
        if (set?.size === 0) index.delete(k);
      }
    });
    for (const k of keys) {
      let set = index.get(k);
      if (!set) index.set(k, (set = new Set()));
      set.add(queue);
    }
    return queue;
  }

  private fanOutSlice(): void {
    let budget = this.sliceSize;
    for (const [k, twin] of this.backlog) {
      if (budget-- === 0) break;
      this.backlog.delete(k);
      const id = this.idOf(twin);
      this.byTenant.get(twin.tenantId)?.forEach((queue) => queue.push(id, twin));
      this.byDevice.get(k)?.forEach((queue) => queue.push(id, twin));
    }
    if (this.backlog.size > 0) setImmediate(() => this.fanOutSlice());
  }
}

const key = (tenantId: string, id: string) => `${tenantId}\u0000${id}`;
