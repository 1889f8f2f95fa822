import type { Logger } from 'pino';
import { badInput } from '@hearth/platform';
import { isUuid, type Database } from '@hearth/platform/db';
import { ServiceOrder } from '../service-order.entity';
import { LatestQueue } from './latest-queue';

/** How a change of an order with no store names its store (migration 0006). */
const UNROUTED = '00000000-0000-0000-0000-000000000000';
/** What migration 0003's trigger notifies after each committed insert or update of an order. */
export const SERVICE_ORDER_CHANNEL = 'hearth_service_order_changed';

interface Changed {
  tenantId: string;
  id: string;
  /** The order's store now and, when it moved, before: both queues hear of it. */
  storeIds: string[];
}

interface Subscriber {
  tenantId: string;
  /** null: every store's orders. */
  storeIds: Set<string> | null;
  queue: LatestQueue<ServiceOrder>;
}

/** Most stores one subscription may watch. */
export const MAX_WATCHED_STORES = 500;

/** Copies handed to one subscriber for one event: what their fields load is loaded for that event alone. */
const liveCopies = new WeakSet<object>();

/**
 * The batch scope of an order's nested fields: the request for a query, the event itself for a
 * subscription (whose context lives as long as the subscription: a per-context cache would serve
 * the first event's customer and history to every later one).
 */
export const batchScopeOf = (order: ServiceOrder, context: object): object => (liveCopies.has(order) ? order : context);

/**
 * `serviceQueueChanged`: every committed change of an order, from whichever instance made it, to
 * this instance's subscribers of its tenant and store. The database's NOTIFY carries only ids; the
 * orders are read once per batch of notifications, however many subscribers hear of them.
 */
export class ServiceQueueFeed {
  private readonly subscribers = new Set<Subscriber>();
  private readonly pending = new Map<string, Changed>();
  private draining?: Promise<void>;
  private unlisten?: () => Promise<void>;

  constructor(
    private readonly db: Database,
    private readonly load: (tenantId: string, ids: string[]) => Promise<Map<string, ServiceOrder>>,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    this.unlisten = await this.db.listen(SERVICE_ORDER_CHANNEL, (payload) => this.heard(payload), {
      // What was notified while the listening session was lost is gone; the next change of each order resends it whole.
      onGap: () => this.logger.warn('service queue notifications were lost while the database connection was down'),
    });
  }

  async stop(): Promise<void> {
    await this.unlisten?.();
    for (const s of this.subscribers) s.queue.end();
    await this.draining;
  }

  /** The tenant's changed orders from now on (of the given stores only, when given), until the reader leaves. */
  changes(tenantId: string, storeIds: readonly string[] | null): AsyncIterableIterator<ServiceOrder> {
    if (storeIds && storeIds.length > MAX_WATCHED_STORES) throw badInput([{ field: 'storeIds', message: `at most ${MAX_WATCHED_STORES} stores` }]);
    const bad = storeIds?.findIndex((id) => !isUuid(id)) ?? -1;
    if (bad >= 0) throw badInput([{ field: `storeIds.${bad}`, message: 'a store id (a Site id)' }]);
    const subscriber: Subscriber = {
      tenantId,
      storeIds: storeIds ? new Set(storeIds) : null,
      queue: new LatestQueue(() => this.subscribers.delete(subscriber)),
    };
    this.subscribers.add(subscriber);
    return subscriber.queue;
  }

  private heard(payload: string): void {
    let change: Changed;
    try {
      change = JSON.parse(payload) as Changed;
    } catch {
      return;
    }
    const before = this.pending.get(change.id);
    this.pending.set(change.id, before ? { ...change, storeIds: [...new Set([...before.storeIds, ...change.storeIds])] } : change);
    this.draining ??= this.drain().finally(() => (this.draining = undefined));
  }

  /** Reads what was notified, a batch per tenant, in the order heard (a later read never overtakes an earlier one). */
  private async drain(): Promise<void> {
    while (this.pending.size > 0) {
      const batch = [...this.pending.values()];
      this.pending.clear();
      const byTenant = new Map<string, Changed[]>();
      for (const c of batch) if (this.listenersOf(c).length > 0) byTenant.set(c.tenantId, [...(byTenant.get(c.tenantId) ?? []), c]);
      for (const [tenantId, changes] of byTenant) {
        try {
          const orders = await this.load(
            tenantId,
            changes.map((c) => c.id),
          );
          for (const change of changes) {
            const order = orders.get(change.id);
            if (order) for (const s of this.listenersOf(change)) s.queue.push(order.id, liveCopy(order));
          }
        } catch (err) {
          this.logger.error({ err, tenantId }, 'changed service orders could not be read for their subscribers');
        }
      }
    }
  }

  /** A store's desk hears of its orders and of every unrouted one (migration 0006): someone must take it. */
  private listenersOf(change: Changed): Subscriber[] {
    const hears = (s: Subscriber) => !s.storeIds || change.storeIds.some((id) => id === UNROUTED || s.storeIds!.has(id));
    return [...this.subscribers].filter((s) => s.tenantId === change.tenantId && hears(s));
  }
}

function liveCopy(order: ServiceOrder): ServiceOrder {
  const copy = Object.assign(Object.create(ServiceOrder.prototype) as ServiceOrder, order);
  liveCopies.add(copy);
  return copy;
}
