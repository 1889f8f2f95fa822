import { TableCursor, timeKeySql, type Queryable, type TableKey } from '@hearth/platform/db';
import { ABANDONED_CLAIM_MS } from '../../decision-follower';

/**
 * The one module of the twins service that reads the card host's decisions, as a contract (the
 * fueling service's migration 0003; no fueling code is imported, nothing there is written):
 * `fueling.authorization (id, tenant_id, pump_id, nozzle, decision, limit_minor, reason, decided_at)`,
 * indexed by `(decided_at, id)`, its id the AUTH_REQUEST's (`twins.pump_auth_request.id`). The
 * fueling service may migrate after this one starts: until the table exists there is nothing to read.
 */
export interface CardHostDecision {
  id: string;
  tenantId: string;
  pumpId: string;
  nozzle: number;
  decision: 'AUTHORIZE' | 'REFUSE';
  limitMinor: number;
  reason: string | null;
  /** `decided_at` to the microsecond, as the cursor keeps it. */
  decidedKey: string;
  /** When the request reached this service (its own row), else when the card host says it was made. */
  requestedAt: Date;
}

export const AUTHORIZATION_TABLE = 'fueling.authorization';
/** Where the fueling service announces each committed batch of decisions (its trigger). */
export const AUTHORIZATION_CHANNEL = 'fueling_authorization';

/** How far the pump kind has read the decisions (its migration starts it at the migration's time). */
export const decisionCursor = new TableCursor('twins.pump_decision_cursor', AUTHORIZATION_TABLE, { at: 'decided_at', id: 'authorization_id' });

/**
 * Up to `limit` decisions after `(decidedAt, id)` not answered yet, in that order: those answered
 * (read again in the look-back window) are left out by the database, an index probe each, rather
 * than read back into the service on every run.
 */
export function decisionsAfter(db: Queryable, after: TableKey, limit: number): Promise<CardHostDecision[]> {
  return db.query<CardHostDecision>(
    `SELECT a.id::text, a.tenant_id::text AS "tenantId", a.pump_id AS "pumpId", a.nozzle, a.decision, a.limit_minor::float8 AS "limitMinor", a.reason,
            ${timeKeySql('a.decided_at')} AS "decidedKey", coalesce(r.received_at, a.requested_at) AS "requestedAt"
       FROM fueling.authorization a
       LEFT JOIN twins.pump_auth_request r ON r.id = a.id AND r.tenant_id = a.tenant_id AND r.pump_id = a.pump_id
      WHERE a.decided_at >= $1::timestamptz AND (a.decided_at, a.id) > ($1::timestamptz, $2::uuid)
        AND NOT EXISTS (SELECT 1 FROM twins.pump_decision_answer x WHERE x.authorization_id = a.id)
      ORDER BY a.decided_at, a.id LIMIT $3`,
    [after[0], after[1], limit],
  );
}

export type DecisionOutcome = 'SENDING' | 'SENT' | 'LATE' | 'NOT_BOUND';

/**
 * Decisions whose answer has been SENDING more than `olderThanMs` (the instance stopped before the
 * command was recorded): read again so the claim is settled. By then the pump has given up on the
 * card read (`answerWithinMs`), so they are settled LATE, never sent.
 */
export function abandonedDecisions(db: Queryable, olderThanMs: number, limit: number): Promise<CardHostDecision[]> {
  return db.query<CardHostDecision>(
    `SELECT a.id::text, a.tenant_id::text AS "tenantId", a.pump_id AS "pumpId", a.nozzle, a.decision, a.limit_minor::float8 AS "limitMinor", a.reason,
            ${timeKeySql('a.decided_at')} AS "decidedKey", coalesce(r.received_at, a.requested_at) AS "requestedAt"
       FROM twins.pump_decision_answer x
       JOIN fueling.authorization a ON a.id = x.authorization_id
       LEFT JOIN twins.pump_auth_request r ON r.id = a.id AND r.tenant_id = a.tenant_id AND r.pump_id = a.pump_id
      WHERE x.outcome = 'SENDING' AND x.answered_at < now() - make_interval(secs => $1)
      ORDER BY a.decided_at, a.id LIMIT $2`,
    [olderThanMs / 1000, limit],
  );
}

/**
 * Takes the answer to a decision for this instance: false when another instance (or an earlier
 * run) took it. The winner sends it, so a decision every instance reads reaches the pump once. An
 * answer abandoned SENDING (`ABANDONED_CLAIM_MS`) is taken over.
 */
export async function claimDecision(db: Queryable, decision: CardHostDecision, outcome: DecisionOutcome): Promise<boolean> {
  const claimed = await db.query(
    `INSERT INTO twins.pump_decision_answer AS x (authorization_id, tenant_id, pump_id, outcome) VALUES ($1, $2, $3, $4)
     ON CONFLICT (authorization_id) DO UPDATE SET outcome = EXCLUDED.outcome, command_id = NULL, answered_at = now()
      WHERE x.outcome = 'SENDING' AND x.answered_at < now() - make_interval(secs => $5)
     RETURNING authorization_id`,
    [decision.id, decision.tenantId, decision.pumpId, outcome, ABANDONED_CLAIM_MS / 1000],
  );
  return claimed.length > 0;
}

export async function settleDecision(db: Queryable, authorizationId: string, outcome: DecisionOutcome, commandId: string | null): Promise<void> {
  await db.query(`UPDATE twins.pump_decision_answer SET outcome = $2, command_id = $3, answered_at = now() WHERE authorization_id = $1`, [
    authorizationId,
    outcome,
    commandId,
  ]);
}

/** A claim whose command could not be recorded: given back, so the next run tries again. */
export async function releaseDecision(db: Queryable, authorizationId: string): Promise<void> {
  await db.query(`DELETE FROM twins.pump_decision_answer WHERE authorization_id = $1 AND outcome = 'SENDING'`, [authorizationId]);
}

/** Answers older than any look-back window: nothing reads their decisions again. */
export async function forgetOldAnswers(db: Queryable, olderThanMs: number): Promise<void> {
  await db.query(`DELETE FROM twins.pump_decision_answer WHERE answered_at < now() - make_interval(secs => $1)`, [olderThanMs / 1000]);
}
