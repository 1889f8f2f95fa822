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
  const read = async () => {
    const owned = await db.query<{ id: string }>(`SELECT id::text FROM fueling.price WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, [tenantId, ids]);
    return { owned: owned.map((o) => o.id), rows: await rolloutRows(db, tenantId, ids) };
  };
  const { owned, rows } = await read().catch((err: unknown) => {
    if (isUndefinedTable(err)) return { owned: [] as string[], rows: [] };
    throw err;
  });
  // Another tenant's price (or none) has no rollout here: left out, so it resolves to null.
  return new Map(
    owned.map((id) => [
      id,
      rolloutOf(
        rows.filter((r) => r.priceId === id),
        now,
      ),
    ]),
  );
}
