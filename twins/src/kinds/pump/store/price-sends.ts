import type { Queryable } from '@hearth/platform/db';

/**
 * The outbox of SET_PRICES commands (`twins.pump_price_send`, one row per price change and pump it
 * applies to). A row noted DUE is taken by one instance (SENDING), then settled with the command
 * that carried it (SENT) or as NOT_BOUND; a send that failed goes back to DUE.
 */
export type SendOutcome = 'DUE' | 'SENDING' | 'SENT' | 'NOT_BOUND';

/**
 * A row SENDING this long was taken by an instance that stopped before it settled it: due again.
 * Sending prices twice is harmless (each command carries the prices in effect), losing them is not.
 */
const ABANDONED = `interval '5 minutes'`;
const OPEN = `(s.outcome = 'DUE' OR (s.outcome = 'SENDING' AND s.taken_at < now() - ${ABANDONED}))`;

/** Pumps with price changes due, oldest first. */
export function pumpsDue(db: Queryable, limit: number): Promise<{ tenantId: string; pumpId: string }[]> {
  return db.query(
    `SELECT s.tenant_id::text AS "tenantId", s.pump_id AS "pumpId" FROM twins.pump_price_send s
      WHERE ${OPEN} GROUP BY s.tenant_id, s.pump_id ORDER BY min(s.noted_at) LIMIT $1`,
    [limit],
  );
}

/**
 * Takes the pump's due price changes for this instance; none when another instance (or an earlier
 * run) took them. Concurrent takers queue on the rows' locks and the later one finds them taken,
 * so one command carries them to the pump.
 */
export async function takeDue(db: Queryable, tenantId: string, pumpId: string): Promise<string[]> {
  const rows = await db.query<{ priceId: string }>(
    `UPDATE twins.pump_price_send s SET outcome = 'SENDING', taken_at = now()
      WHERE s.tenant_id = $1 AND s.pump_id = $2 AND ${OPEN} RETURNING s.price_id::text AS "priceId"`,
    [tenantId, pumpId],
  );
  return rows.map((r) => r.priceId);
}

/** The taken rows, settled: SENT with their command, or NOT_BOUND; DUE gives them back for the next run. */
export async function settleSends(db: Queryable, pumpId: string, priceIds: readonly string[], outcome: SendOutcome, commandId: string | null): Promise<void> {
  await db.query(`UPDATE twins.pump_price_send SET outcome = $3, command_id = $4 WHERE pump_id = $1 AND price_id = ANY($2::uuid[])`, [
    pumpId,
    priceIds,
    outcome,
    commandId,
  ]);
}

/** A pump (re)bound to a gateway: the price changes it could not be sent are due again, so it gets the prices in effect. */
export async function dueAgain(db: Queryable, pumpId: string): Promise<void> {
  await db.query(`UPDATE twins.pump_price_send SET outcome = 'DUE', taken_at = NULL WHERE pump_id = $1 AND outcome = 'NOT_BOUND'`, [pumpId]);
}

/** One pump's part in a price change's rollout: how far its send went and, once sent, its command's status and expiry. */
export interface RolloutRow {
  priceId: string;
  outcome: SendOutcome | null;
  status: string | null;
  expiresAt: Date | null;
}

/**
 * For each of the tenant's price changes named, every pump it applies to (a station's pumps or
 * the company's, with a nozzle of its grade) and its send, if any yet.
 */
export function rolloutRows(db: Queryable, tenantId: string, priceIds: readonly string[]): Promise<RolloutRow[]> {
  return db.query<RolloutRow>(
    `SELECT p.id::text AS "priceId", s.outcome, c.status, c.expires_at AS "expiresAt"
       FROM fueling.price p
       JOIN fueling.pump pu ON pu.tenant_id = p.tenant_id AND (p.station_id IS NULL OR pu.station_id = p.station_id)
       LEFT JOIN twins.pump_price_send s ON s.price_id = p.id AND s.pump_id = pu.id
       LEFT JOIN twins.command c ON c.id = s.command_id
      WHERE p.tenant_id = $1 AND p.id = ANY($2::uuid[])
        AND EXISTS (SELECT 1 FROM fueling.nozzle n WHERE n.tenant_id = pu.tenant_id AND n.pump_id = pu.id AND n.grade_code = p.grade_code)`,
    [tenantId, priceIds],
  );
}
