import type { TankTwinState } from './model/tank-twin';
import { LatestByKey } from '../../ingest/latest-by-key';

/** A twin changed (after its change is committed). Carries the committed state. */
export interface TankTwinChanged {
  tenantId: string;
  tankId: string;
  state: TankTwinState;
}

/**
 * In-process fan-out of committed twin changes to GraphQL subscriptions, indexed by tenant and
 * tank: a change reaches only the subscriptions that watch its tank (or all of the tenant's
 * tanks), so a thousand subscriptions of one tank each cost one lookup per change, not a
 * thousand filters. Each subscription keeps the newest waiting change per tank (the state,
 * not the log), so a subscriber that reads slowly holds at most one change per tank. One twins
 * process serves its own subscribers; several replicas would fan out through Redis pub/sub.
 */
export class TankEvents {
  private readonly byTank = new Map<string, Set<LatestByKey<TankTwinChanged>>>();
  private readonly byTenant = new Map<string, Set<LatestByKey<TankTwinChanged>>>();
  /** Committed changes not yet fanned out, the newest per tank, oldest tank first (see `publishAll`). */
  private readonly backlog = new Map<string, TankTwinChanged>();

  constructor(private readonly sliceSize = 200) {}

  /**
   * Fans out a committed batch's changes a slice per turn of the event loop. Each change wakes its
   * subscribers' GraphQL right away, so thousands at once made one long turn of the services'
   * thread, and the next batch's statements, the database's replies and every socket waited
   * behind it. A tank changed again before its turn goes out once, with its newest state (a twin
   * is a state, not a log), keeping its place.
   */
  publishAll(events: TankTwinChanged[]): void {
    if (events.length === 0) return;
    const idle = this.backlog.size === 0;
    for (const event of events) this.backlog.set(tankKey(event.tenantId, event.tankId), event);
    if (idle) setImmediate(() => this.fanOutSlice());
  }

  private fanOutSlice(): void {
    let budget = this.sliceSize;
    for (const [key, event] of this.backlog) {
      if (budget-- === 0) break;
      this.backlog.delete(key);
      this.publish(event);
    }
    if (this.backlog.size > 0) setImmediate(() => this.fanOutSlice());
  }

  publish(event: TankTwinChanged): void {
    this.byTenant.get(event.tenantId)?.forEach((queue) => queue.push(event.tankId, event));
    this.byTank.get(tankKey(event.tenantId, event.tankId))?.forEach((queue) => queue.push(event.tankId, event));
  }

  /** Changes of the given tanks (all tanks of the tenant when `tankIds` is empty), until `signal` aborts or the reader returns. */
  tankChanges(tenantId: string, tankIds: readonly string[], signal?: AbortSignal): AsyncIterableIterator<TankTwinChanged> {
    const keys = tankIds.length === 0 ? [tenantId] : [...new Set(tankIds)].map((id) => tankKey(tenantId, id));
    const index = tankIds.length === 0 ? this.byTenant : this.byTank;
    const queue = new LatestByKey<TankTwinChanged>(() => {
      for (const key of keys) {
        const set = index.get(key);
        set?.delete(queue);
        if (set?.size === 0) index.delete(key);
      }
    });
    for (const key of keys) {
      let set = index.get(key);
      if (!set) index.set(key, (set = new Set()));
      set.add(queue);
    }
    if (signal?.aborted) queue.end();
    else signal?.addEventListener('abort', () => queue.end(), { once: true });
    return queue;
  }
}

const tankKey = (tenantId: string, tankId: string) => `${tenantId}\u0000${tankId}`;
