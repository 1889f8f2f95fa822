import { LatestByKey } from '../ingest/latest-by-key';
import type { DeviceTwin } from './twin-kind';

/**
 * Committed changes of one kind's twins to its GraphQL subscriptions, indexed by tenant and device:
 * a change reaches only the subscriptions watching its device (or all of the tenant's). Each
 * subscription keeps the newest waiting state per device (a twin is a state, not a log), so a
 * slow reader holds at most one per device.
 */
export class TwinEvents<State extends DeviceTwin> {
  private readonly byDevice = new Map<string, Set<LatestByKey<State>>>();
  private readonly byTenant = new Map<string, Set<LatestByKey<State>>>();

  constructor(private readonly idOf: (twin: State) => string) {}

  publish(twins: readonly State[]): void {
    for (const twin of twins) {
      const id = this.idOf(twin);
      this.byTenant.get(twin.tenantId)?.forEach((queue) => queue.push(id, twin));
      this.byDevice.get(key(twin.tenantId, id))?.forEach((queue) => queue.push(id, twin));
    }
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
}

const key = (tenantId: string, id: string) => `${tenantId}\u0000${id}`;
