import type { Logger } from 'pino';
import type { Queryable } from '@hearth/platform/db';
import type { ServiceOrderService } from './service-order.service';

/** Most orders flagged per run; the next run takes the rest. */
const BATCH = 500;

/**
 * Flags orders entering their warning window (AT_RISK) or passing their deadline (BREACHED), each
 * once, so a supervisor's queue shows them (the ESCALATED event reaches `serviceQueueChanged`).
 * Reads across tenants from the partial index of open, running, not yet breached orders. Several
 * instances may run it at once: each flag is decided under the order's row lock, so once is once.
 * Returns the orders flagged.
 */
export async function checkEscalations(db: Queryable, orders: ServiceOrderService, logger: Logger): Promise<number> {
  const due = await db.query<{ id: string; tenantId: string }>(
    `SELECT id::text, tenant_id::text AS "tenantId" FROM customers.service_order
      WHERE closed_at IS NULL AND paused_since IS NULL AND escalation IS DISTINCT FROM 'BREACHED'
        AND warn_at <= $1 AND (escalation IS NULL OR due_at < $1)
      ORDER BY warn_at LIMIT ${BATCH}`,
    [orders.now()],
  );
  let flagged = 0;
  for (const { id, tenantId } of due) {
    try {
      if (await orders.escalate(tenantId, id)) flagged += 1;
    } catch (err) {
      logger.error({ err, tenantId, orderId: id }, 'service order escalation could not be flagged');
    }
  }
  if (flagged > 0) logger.info({ flagged }, 'service orders escalated');
  return flagged;
}
