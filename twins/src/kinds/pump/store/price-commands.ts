import { isUndefinedTable, isUuid, type Queryable } from '@hearth/platform/db';
import { rolloutOf, type PriceRollout } from '../model/price-rollout';
import { rolloutRows } from './price-sends';

/** How far a command went: its stored status, expiry and end. */
export interface CommandOutcome {
  status: string;
  expiresAt: Date;
  completedAt: Date | null;
}

/** The tenant's commands named, by id (another tenant's, or a malformed id, is none). */
export async function commandOutcomes(db: Queryable, tenantId: string, ids: readonly string[]): Promise<Map<string, CommandOutcome>> {
  const rows = await db.query<CommandOutcome & { id: string }>(
    `SELECT id::text, status, expires_at AS "expiresAt", completed_at AS "completedAt" FROM twins.command WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
    [tenantId, ids.filter(isUuid)],
  );
  return new Map(rows.map(({ id, ...outcome }) => [id, outcome]));
}

/** The rollout of each of the tenant's price changes named (another tenant's counts nothing); none before the fueling tables exist. */
export async function rollouts(db: Queryable, tenantId: string, priceIds: readonly string[], now = new Date()): Promise<Map<string, PriceRollout>> {
  const ids = priceIds.filter(isUuid);
  const rows = await rolloutRows(db, tenantId, ids).catch((err: unknown) => {
    if (isUndefinedTable(err)) return [];
    throw err;
  });
  return new Map(
    ids.map((id) => [
      id,
      rolloutOf(
        rows.filter((r) => r.priceId === id),
        now,
      ),
    ]),
  );
}
