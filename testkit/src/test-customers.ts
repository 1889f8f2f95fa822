import { randomUUID } from 'node:crypto';
import { DEMO_TENANT_ID } from '@hearth/platform';
import type { Database } from '@hearth/platform/db';
import { openAccount } from '@hearth/platform/ledger';

/**
 * A customer of the customers subgraph's table (its migrations applied) with a wallet on the
 * ledger, for the medium tests of the domains that take a customer's money (deposits, fuel cards).
 */
export async function testCustomer(
  db: Database,
  options: { tenantId?: string; blacklisted?: boolean; creditLimitMinor?: number } = {},
): Promise<{ id: string; walletId: string }> {
  const id = randomUUID();
  const tenantId = options.tenantId ?? DEMO_TENANT_ID;
  const wallet = await db.transaction((tx) =>
    openAccount(tx, {
      tenantId,
      type: 'CUSTOMER_WALLET',
      currency: 'CNY',
      name: `W ${id}`,
      ownerRef: `customer:${id}`,
      creditLimitMinor: options.creditLimitMinor ?? 0,
    }),
  );
  await db.query(
    `INSERT INTO customers.customer (id, tenant_id, card_number, type, name, account_id, blacklisted_at, blacklist_reason)
     VALUES ($1, $2, $3, 'RESIDENTIAL', 'Test', $4, $5, $6)`,
    [id, tenantId, `C-${id.slice(0, 8)}`, wallet.id, options.blacklisted ? new Date() : null, options.blacklisted ? 'unpaid bills' : null],
  );
  return { id, walletId: wallet.id };
}
