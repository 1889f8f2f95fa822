import type { Queryable } from '@hearth/platform/db';

/**
 * The next transfer order number of the tenant in `year`: `TR-2026-000042`. The counter row stays
 * locked until the order commits, so numbers are issued in order without gaps from rolled-back orders.
 */
export async function nextTransferNumber(tx: Queryable, tenantId: string, year: number): Promise<string> {
  const [row] = await tx.query<{ last: number }>(
    `INSERT INTO cylinders.transfer_order_number (tenant_id, year, last) VALUES ($1, $2, 1)
     ON CONFLICT (tenant_id, year) DO UPDATE SET last = transfer_order_number.last + 1 RETURNING last`,
    [tenantId, year],
  );
  return `TR-${year}-${String(row!.last).padStart(6, '0')}`;
}
