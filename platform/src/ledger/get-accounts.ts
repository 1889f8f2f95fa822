import type { Queryable } from '../db/database';
import { isUuid } from '../db/typeorm-helpers';
import { ACCOUNT_COLUMNS, toLedgerAccount, type AccountRow, type LedgerAccount } from './ledger-account';

/**
 * The tenant's accounts among `ids`, by id as PostgreSQL spells it (lower case); ids of no account
 * of the tenant (or no UUID at all) are left out.
 */
export async function getAccounts(q: Queryable, tenantId: string, ids: readonly string[]): Promise<Map<string, LedgerAccount>> {
  const valid = [...new Set(ids.filter(isUuid).map((id) => id.toLowerCase()))];
  if (valid.length === 0) return new Map();
  const rows = await q.query<AccountRow>(`SELECT ${ACCOUNT_COLUMNS} FROM ledger.account WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, [tenantId, valid]);
  return new Map(rows.map((row) => [row.id, toLedgerAccount(row)]));
}
