import type { EntityManager } from 'typeorm';
import { actorOf, notFound, type CallerContext } from '@hearth/platform';
import { auditChange } from '@hearth/platform/audit';
import { isUuid } from '@hearth/platform/db';
import { TransferOrder } from './transfer-order.entity';

/** The tenant's order, locked for the rest of the transaction; NOT_FOUND for any other id. */
export async function lockTransfer(em: EntityManager, tenantId: string, id: string): Promise<TransferOrder> {
  const order = isUuid(id) ? await em.getRepository(TransferOrder).findOne({ where: { tenantId, id }, lock: { mode: 'pessimistic_write' } }) : null;
  if (!order) throw notFound('TransferOrder', id);
  return order;
}

/** One audit entry per step of an order (`transfer.<what>`), with its state change when it moved. */
export function auditTransfer(
  em: EntityManager,
  by: CallerContext,
  order: TransferOrder,
  action: string,
  from: string | null,
  details: Record<string, unknown> = {},
): Promise<void> {
  return auditChange(em, by, 'cylinders', `transfer.${action}`, `transfer-order:${order.id}`, {
    order: order.number,
    orderId: order.id,
    type: order.type,
    ...(from !== order.state ? { from, to: order.state } : {}),
    ...details,
  });
}
