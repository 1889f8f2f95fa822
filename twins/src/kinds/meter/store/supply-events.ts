import { TableCursor, timeKeySql, type Queryable, type TableKey } from '@hearth/platform/db';
import { ABANDONED_CLAIM_MS } from '../../decision-follower';

/**
 * The one module of the twins service that reads the metering service's supply decisions, as a
 * contract (its migrations; no metering code is imported, nothing there is written):
 * `metering.supply_event (id bigserial, tenant_id, meter_id, action, reason, balance_minor,
 * created_at)`, announced by `NOTIFY metering_supply_event`. The metering service may migrate after
 * this one starts: until the table exists there is nothing to read.
 */
export const SUPPLY_EVENT_TABLE = 'metering.supply_event';
export const SUPPLY_EVENT_CHANNEL = 'metering_supply_event';

export type SupplyAction = 'NOTIFY_ALARM1' | 'ALARM' | 'ALARM_RELEASE' | 'TRIP' | 'ALLOW_CLOSE' | 'CLOSE';

export interface SupplyEvent {
  /** The bigserial id, as text (it may pass 2^53 in principle). */
  id: string;
  tenantId: string;
  meterId: string;
  action: SupplyAction;
  /** BALANCE_ALARM1, BALANCE_ALARM2, BALANCE_RESTORED, BALANCE_FLOOR, TOP_UP, SUPPLY_PROTECTED, PROTECTION_ENDED, OPERATOR. */
  reason: string;
  balanceMinor: number | null;
  /** `created_at` to the microsecond, as the cursor keeps it. */
  createdKey: string;
  /** Read as an abandoned claim (`abandonedSupplyEvents`): whether a later relay decision for the meter exists, which then stands instead. */
  superseded?: boolean;
}

const RELAY_ACTIONS = `('TRIP', 'ALLOW_CLOSE', 'CLOSE')`;

/**
 * How far the meter kind has read the supply decisions, by `(created_at, id)` with the bigserial id
 * kept as a bigint (migration 0001 starts it at the migration's time, 0002 keys it by the plain id).
 */
export const supplyCursor = new TableCursor('twins.meter_supply_cursor', SUPPLY_EVENT_TABLE, { at: 'created_at', id: 'last_event_id', idType: 'bigint' });

/** Up to `limit` decisions after `(createdAt, id)` not carried out yet, in that order (those carried, read again in the look-back window, are left out by the database). */
export function supplyEventsAfter(db: Queryable, after: TableKey, limit: number): Promise<SupplyEvent[]> {
  return db.query<SupplyEvent>(
    `SELECT e.id::text, e.tenant_id::text AS "tenantId", e.meter_id::text AS "meterId", e.action, e.reason, e.balance_minor::float8 AS "balanceMinor",
            ${timeKeySql('e.created_at')} AS "createdKey"
       FROM ${SUPPLY_EVENT_TABLE} e
      WHERE e.created_at >= $1::timestamptz AND (e.created_at, e.id) > ($1::timestamptz, $2::bigint)
        AND NOT EXISTS (SELECT 1 FROM twins.meter_supply_action x WHERE x.event_id = e.id)
      ORDER BY e.created_at, e.id LIMIT $3`,
    [after[0], after[1], limit],
  );
}

export type SupplyOutcome = 'SENDING' | 'SENT' | 'MERGED' | 'DONE' | 'NOT_BOUND';

/**
 * Decisions claimed but not carried out that are due again, each with whether a later relay
 * decision for its meter supersedes it: those SENDING more than `olderThanMs` ago whose command was
 * never recorded (the instance stopped, or could not give the claim back), and the relay decisions
 * that met NOT_BOUND whose meter is bound to a gateway now (`fleet.device`). The look-back window
 * has passed them by, so they are read here.
 */
export function abandonedSupplyEvents(db: Queryable, olderThanMs: number, limit: number): Promise<SupplyEvent[]> {
  return db.query<SupplyEvent>(
    `SELECT e.id::text, e.tenant_id::text AS "tenantId", e.meter_id::text AS "meterId", e.action, e.reason, e.balance_minor::float8 AS "balanceMinor",
            ${timeKeySql('e.created_at')} AS "createdKey",
            EXISTS (SELECT 1 FROM ${SUPPLY_EVENT_TABLE} l
                     WHERE l.tenant_id = e.tenant_id AND l.meter_id = e.meter_id AND l.action IN ${RELAY_ACTIONS} AND l.id > e.id) AS superseded
       FROM twins.meter_supply_action x JOIN ${SUPPLY_EVENT_TABLE} e ON e.id = x.event_id
      WHERE (x.outcome = 'SENDING' AND x.carried_at < now() - make_interval(secs => $1))
         OR (x.outcome = 'NOT_BOUND' AND x.action IN ${RELAY_ACTIONS}
             AND EXISTS (SELECT 1 FROM fleet.device d WHERE d.kind = 'meter' AND d.id = x.meter_id::text AND d.tenant_id = x.tenant_id))
      ORDER BY e.created_at, e.id LIMIT $2`,
    [olderThanMs / 1000, limit],
  );
}

/**
 * Takes a decision for this instance: false when another instance (or an earlier run) took it. The
 * winner carries it out. A claim abandoned SENDING (`ABANDONED_CLAIM_MS`), or a relay decision that
 * met NOT_BOUND (read again once its meter is bound), is taken over; two instances taking it at
 * once queue on its lock, and the later finds it taken.
 */
export async function claimSupplyEvent(tx: Queryable, event: SupplyEvent, outcome: SupplyOutcome): Promise<boolean> {
  const claimed = await tx.query(
    `INSERT INTO twins.meter_supply_action AS x (event_id, tenant_id, meter_id, action, outcome) VALUES ($1::bigint, $2, $3, $4, $5)
     ON CONFLICT (event_id) DO UPDATE SET outcome = EXCLUDED.outcome, command_id = NULL, carried_at = now()
      WHERE (x.outcome = 'SENDING' AND x.carried_at < now() - make_interval(secs => $6)) OR (x.outcome = 'NOT_BOUND' AND x.action IN ${RELAY_ACTIONS})
     RETURNING event_id`,
    [event.id, event.tenantId, event.meterId, event.action, outcome, ABANDONED_CLAIM_MS / 1000],
  );
  return claimed.length > 0;
}

export async function settleSupplyEvent(db: Queryable, eventId: string, outcome: SupplyOutcome, commandId: string | null): Promise<void> {
  await db.query(`UPDATE twins.meter_supply_action SET outcome = $2, command_id = $3, carried_at = now() WHERE event_id = $1::bigint`, [
    eventId,
    outcome,
    commandId,
  ]);
}

/** A claim whose command could not be recorded: given back, so the next run tries again (its alarms are raised once whatever happens). */
export async function releaseSupplyEvent(db: Queryable, eventId: string): Promise<void> {
  await db.query(`DELETE FROM twins.meter_supply_action WHERE event_id = $1::bigint AND outcome = 'SENDING'`, [eventId]);
}

/** Claims older than any look-back window: nothing reads their decisions again. */
export async function forgetOldSupplyActions(db: Queryable, olderThanMs: number): Promise<void> {
  await db.query(`DELETE FROM twins.meter_supply_action WHERE carried_at < now() - make_interval(secs => $1)`, [olderThanMs / 1000]);
}
