import { actorOf, type CallerContext } from '@hearth/platform';
import type { Queryable } from '@hearth/platform/db';
import { moveCylinders, type CylinderMove } from '../lifecycle/move-cylinders';
import { TransferDiscrepancyKind } from './transfer.enums';
import { lockScanned, scanRefused } from './transfer-cylinders';
import type { TransferOrder } from './transfer-order.entity';

/**
 * The receiver signs for what arrived. Received cylinders go into the to-site's stock (full or empty
 * as they travelled); each loaded cylinder that did not arrive becomes a MISSING discrepancy and is
 * reported LOST on this order: all in one move, so stock on both sides is exact once it commits.
 *
 * A received tag that was never loaded on this order refuses the sign-off (NOT_ON_ORDER) rather than
 * being recorded as an extra: taking it into stock here would move a cylinder this document never
 * carried (it may be on another truck, or at a customer). The receiver sets it aside, signs for the
 * rest, and it is dealt with by its own document. A tag read twice counts once.
 */
export async function signOff(
  tx: Queryable,
  by: CallerContext,
  order: TransferOrder,
  input: { receivedTags: string[]; note?: string | null },
  now: Date,
): Promise<Record<string, unknown>> {
  const arrived = input.receivedTags.length > 0 ? await lockScanned(tx, by.tenantId, input.receivedTags) : [];
  const loaded = await tx.query<{ id: string; serial: string; specCode: string }>(
    `SELECT s.cylinder_id::text AS id, c.serial, s.spec_code AS "specCode" FROM cylinders.transfer_scan s JOIN cylinders.cylinder c ON c.id = s.cylinder_id
      WHERE s.order_id = $1 ORDER BY c.serial`,
    [order.id],
  );
  const onOrder = new Set(loaded.map((l) => l.id));
  const stranger = arrived.find((c) => !onOrder.has(c.id));
  if (stranger) throw scanRefused('NOT_ON_ORDER', stranger, `it was not loaded on transfer order ${order.number}: set it aside and sign for the rest`);

  const received = new Set(arrived.map((c) => c.id));
  const missing = loaded.filter((l) => !received.has(l.id));
  const ref = `transfer:${order.id}`;
  const moves: CylinderMove[] = [
    ...arrived.map((c): CylinderMove => ({ cylinderId: c.id, event: 'RECEIVE', siteId: order.toSiteId, ref, at: now })),
    ...missing.map((c): CylinderMove => ({
      cylinderId: c.id,
      event: 'REPORT_LOST',
      ref,
      at: now,
      details: { reason: `not received at sign-off of ${order.number}` },
    })),
  ];
  await moveCylinders(tx, { tenantId: by.tenantId, actor: actorOf(by) }, moves);
  await tx.query(`UPDATE cylinders.transfer_scan SET received = (cylinder_id = ANY($2::uuid[])) WHERE order_id = $1`, [order.id, [...received]]);
  if (missing.length > 0) {
    await tx.query(
      `INSERT INTO cylinders.transfer_discrepancy (tenant_id, order_id, kind, cylinder_id, spec_code, note, recorded_at, recorded_by)
       SELECT $1, $2, $3, u.id, u.spec, $4, $5, $6 FROM unnest($7::uuid[], $8::text[]) AS u(id, spec)`,
      [by.tenantId, order.id, TransferDiscrepancyKind.MISSING, input.note ?? null, now, actorOf(by), missing.map((m) => m.id), missing.map((m) => m.specCode)],
    );
  }
  order.receivedCount = arrived.length;
  order.missingCount = missing.length;
  order.signOffNote = input.note ?? null;
  order.receivedAt = now;
  return { received: arrived.length, missing: missing.map((m) => m.serial), ...(input.note ? { note: input.note } : {}) };
}
