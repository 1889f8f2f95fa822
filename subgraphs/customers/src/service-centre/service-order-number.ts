import type { EntityManager } from 'typeorm';

/**
 * The next order number of the tenant in `year`: `SO-2026-000042`. The counter row stays locked
 * until the order commits, so numbers are issued in order without gaps from rolled-back orders.
 */
export async function nextOrderNumber(em: EntityManager, tenantId: string, year: number): Promise<string> {
  const [row] = (await em.query(
    `INSERT INTO customers.service_order_number (tenant_id, year, last) VALUES ($1, $2, 1)
     ON CONFLICT (tenant_id, year) DO UPDATE SET last = service_order_number.last + 1 RETURNING last`,
    [tenantId, year],
  )) as { last: number }[];
  return `SO-${year}-${String(row!.last).padStart(6, '0')}`;
}
