import type { EntityManager } from 'typeorm';
import { actorOf, notFound } from '@hearth/platform';
import { auditChange, tenantOf, type DomainCaller } from '@hearth/platform/audit';
import { isUuid } from '@hearth/platform/db';
import { ServiceOrderEvent } from './service-order-event.entity';
import { ServiceOrder } from './service-order.entity';
import type { ServiceOrderEventKind, ServiceOrderStatus } from './service-order.enums';

/** What one change of an order records: its event row and, when `action` is set, its audit entry. */
export interface OrderChange {
  kind: ServiceOrderEventKind;
  from: ServiceOrderStatus | null;
  to: ServiceOrderStatus | null;
  note?: string | null;
  /** `service-order.<what>` in the audit log; null: the event row alone (escalations). */
  action: string | null;
  details?: Record<string, unknown>;
}

/** The tenant's order, locked for the rest of the transaction; NOT_FOUND for any other id. */
export async function lockOrder(em: EntityManager, tenantId: string, id: string): Promise<ServiceOrder> {
  const order = isUuid(id) ? await em.getRepository(ServiceOrder).findOne({ where: { tenantId, id }, lock: { mode: 'pessimistic_write' } }) : null;
  if (!order) throw notFound('ServiceOrder', id);
  return order;
}

export const actorName = (by: DomainCaller): string => (typeof by === 'string' ? 'system' : actorOf(by));

/**
 * Appends the change to the order's history and, for what people and alarms do, to the audit log:
 * on the customer's record (its history shows it), or on the order for an anonymous report.
 */
export async function recordChange(em: EntityManager, by: DomainCaller, order: ServiceOrder, change: OrderChange, at: Date): Promise<void> {
  await em.getRepository(ServiceOrderEvent).insert({
    tenantId: tenantOf(by),
    orderId: order.id,
    at,
    actor: actorName(by),
    kind: change.kind,
    fromStatus: change.from,
    toStatus: change.to,
    note: change.note ?? null,
  });
  if (!change.action) return;
  const target = order.customerId ? `customer:${order.customerId}` : `service-order:${order.id}`;
  await auditChange(em, by, 'customers', change.action, target, {
    order: order.number,
    orderId: order.id,
    type: order.type,
    ...(change.from !== change.to ? { from: change.from, to: change.to } : {}),
    ...(change.note ? { note: change.note } : {}),
    ...change.details,
  });
}
