import { contentOf, eventsFrom } from '@hearth/platform/domain';
import type { Queryable } from '@hearth/platform/db';
import { carriesFull } from './transfer.enums';
import { scanRefused, type ScannedCylinder } from './transfer-cylinders';
import type { TransferOrder } from './transfer-order.entity';

/** A line's plan and what is on the truck for it now. */
async function lineLoads(tx: Queryable, orderId: string): Promise<Map<string, { planned: number; loaded: number }>> {
  const rows = await tx.query<{ specCode: string; planned: number; loaded: number }>(
    `SELECT l.spec_code AS "specCode", l.planned, (SELECT count(*)::int FROM cylinders.transfer_scan s WHERE s.order_id = l.order_id AND s.spec_code = l.spec_code) AS loaded
       FROM cylinders.transfer_line l WHERE l.order_id = $1`,
    [orderId],
  );
  return new Map(rows.map((r) => [r.specCode, { planned: r.planned, loaded: r.loaded }]));
}

/**
 * Whether a cylinder may go on the truck of `order` now: in stock at the from-site with the order's
 * content. Checked on every scan and again at dispatch (a scanned cylinder may have been handed
 * over or sent to inspection meanwhile).
 */
export function assertLoadable(order: TransferOrder, c: ScannedCylinder): void {
  const content = carriesFull(order.type) ? 'FULL' : 'EMPTY';
  // In stock: a state the lifecycle dispatches from (full ones filled or in full stock, empties in empty stock or taken back).
  if (!eventsFrom(c.state).includes('DISPATCH'))
    throw scanRefused('NOT_AVAILABLE', c, `it is ${c.state}, not in stock: it cannot be loaded`, { state: c.state });
  if (c.locationSiteId !== order.fromSiteId) {
    throw scanRefused('WRONG_SITE', c, `it is at another site, not at the order’s from-site`, { siteId: c.locationSiteId, fromSiteId: order.fromSiteId });
  }
  if (contentOf(c.state) !== content) {
    throw scanRefused(
      'WRONG_CONTENT',
      c,
      `it is ${contentOf(c.state)?.toLowerCase()} (${c.state}); a ${order.type} order carries ${content.toLowerCase()} cylinders`,
      {
        state: c.state,
      },
    );
  }
}

/**
 * Checks a batch of scans against the order: each cylinder loadable, of a spec on the order, on no
 * truck yet (this one or another order's), no line beyond its plan. The first problem refuses the
 * whole batch.
 */
export async function checkScans(tx: Queryable, order: TransferOrder, cylinders: readonly ScannedCylinder[]): Promise<void> {
  const lines = await lineLoads(tx, order.id);
  const taken = await tx.query<{ id: string; orderId: string }>(
    `SELECT cylinder_id::text AS id, order_id::text AS "orderId" FROM cylinders.transfer_scan WHERE cylinder_id = ANY($1::uuid[]) AND (order_id = $2 OR active)`,
    [cylinders.map((c) => c.id), order.id],
  );
  const onOrder = new Map(taken.map((t) => [t.id, t.orderId]));
  for (const c of cylinders) {
    const other = onOrder.get(c.id);
    if (other === order.id) throw scanRefused('ALREADY_ON_ORDER', c, 'it is already loaded on this order');
    if (other) throw scanRefused('ON_ANOTHER_ORDER', c, 'it is being loaded on another transfer order', { transferOrderId: other });
    assertLoadable(order, c);
    const line = lines.get(c.specCode);
    if (!line) throw scanRefused('SPEC_NOT_ON_ORDER', c, `its spec ${c.specCode} is on no line of this order`, { specCode: c.specCode });
    line.loaded += 1;
    if (line.loaded > line.planned) {
      throw scanRefused('OVER_PLANNED', c, `the ${c.specCode} line plans ${line.planned} and they are all loaded`, {
        specCode: c.specCode,
        planned: line.planned,
      });
    }
  }
}
