import type { DeviceKind } from '@hearth/broker';
import { isUuid, keysetCount, keysetPage, type KeysetQuery, type Queryable } from '@hearth/platform/db';
import type { CommandStatus } from '../model/command';

export interface CommandRecord {
  id: string;
  tenantId: string;
  kind: DeviceKind;
  deviceId: string;
  gatewayId: string;
  /** The values the command asks of its device, named as its kind names them (`inletValveOpen` of a tank). */
  desired: Record<string, unknown>;
  status: CommandStatus;
  reason: string | null;
  requestedBy: string;
  requestId: string | null;
  createdAt: Date;
  expiresAt: Date;
  sentAt: Date | null;
  sendCount: number;
  acceptedAt: Date | null;
  completedAt: Date | null;
  cancelledBy: string | null;
}

/** The columns as a CommandRecord, of table alias `t` (with the gateway taken from `gateway`). */
const columns = (t = '', gateway = `${t}gateway_id`) =>
  `${t}id::text AS id, ${t}tenant_id AS "tenantId", ${t}kind AS kind, ${t}device_id AS "deviceId", ${gateway} AS "gatewayId", ${t}desired AS desired,
   ${t}status AS status, ${t}reason AS reason, ${t}requested_by AS "requestedBy", ${t}request_id AS "requestId", ${t}created_at AS "createdAt",
   ${t}expires_at AS "expiresAt", ${t}sent_at AS "sentAt", ${t}send_count AS "sendCount", ${t}accepted_at AS "acceptedAt",
   ${t}completed_at AS "completedAt", ${t}cancelled_by AS "cancelledBy"`;
const COLUMNS = columns();

export type NewCommand = Pick<CommandRecord, 'id' | 'tenantId' | 'kind' | 'deviceId' | 'gatewayId' | 'desired' | 'requestedBy' | 'requestId' | 'expiresAt'>;

export async function insertCommand(tx: Queryable, c: NewCommand): Promise<CommandRecord> {
  const [row] = await tx.query<CommandRecord>(
    `INSERT INTO twins.command (id, tenant_id, kind, device_id, gateway_id, desired, status, requested_by, request_id, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, 'PENDING', $7, $8, $9) RETURNING ${COLUMNS}`,
    [c.id, c.tenantId, c.kind, c.deviceId, c.gatewayId, JSON.stringify(c.desired), c.requestedBy, c.requestId, c.expiresAt],
  );
  return row!;
}

export async function findCommand(db: Queryable, tenantId: string, id: string): Promise<CommandRecord | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.query<CommandRecord>(`SELECT ${COLUMNS} FROM twins.command WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
  return row ?? null;
}

/**
 * Commands still to go to a gateway, oldest first: pending ones, and sent ones that went out before
 * `resendSentBefore` (to a connection that has since gone). A device moved to another gateway takes
 * its open commands along: the current binding decides.
 */
export async function commandsToSend(db: Queryable, gatewayId: string, resendSentBefore: Date | null): Promise<CommandRecord[]> {
  return db.query<CommandRecord>(
    `SELECT ${columns('c.', 'd.gateway_id')} FROM twins.command c
       JOIN fleet.device d ON d.kind = c.kind AND d.id = c.device_id AND d.tenant_id = c.tenant_id
      WHERE d.gateway_id = $1 AND c.expires_at > now()
        AND (c.status = 'PENDING' OR (c.status = 'SENT' AND c.sent_at < $2::timestamptz))
      ORDER BY c.created_at, c.id`,
    [gatewayId, resendSentBefore],
  );
}

/**
 * Records a send; a command that moved on meanwhile (a fast gateway may answer before this runs) keeps its status. The time
 * is this process's clock, the one connection times are compared with (`commandsToSend`).
 */
export async function markSent(db: Queryable, id: string, gatewayId: string, at = new Date()): Promise<void> {
  await db.query(
    `UPDATE twins.command SET status = CASE WHEN status = 'PENDING' THEN 'SENT' ELSE status END, sent_at = $3, send_count = send_count + 1, gateway_id = $2
      WHERE id = $1`,
    [id, gatewayId, at],
  );
}

export interface CommandAck {
  tenantId: string;
  kind: DeviceKind;
  deviceId: string;
  commandId: string;
  status: Extract<CommandStatus, 'ACCEPTED' | 'REJECTED' | 'DONE'>;
  reason: string | null;
  at: Date;
}

/**
 * Applies gateway acks; returns the ids of the commands they moved. An ack counts only from the
 * device the command was for, only forward (a redelivered "accepted" after "done" is ignored),
 * and not for a command that expired before the gateway took it on.
 */
export async function applyCommandAcks(tx: Queryable, acks: CommandAck[]): Promise<Set<string>> {
  if (acks.length === 0) return new Set();
  const rows = await tx.query<{ id: string }>(
    `UPDATE twins.command c SET status = a.status, reason = COALESCE(a.reason, c.reason),
            accepted_at = CASE WHEN a.status = 'ACCEPTED' THEN a.at ELSE c.accepted_at END,
            completed_at = CASE WHEN a.status IN ('DONE', 'REJECTED') THEN a.at ELSE c.completed_at END
       FROM unnest($1::text[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[]) AS a(id, tenant_id, kind, device_id, status, reason, at)
      WHERE c.id::text = a.id AND c.tenant_id = a.tenant_id AND c.kind = a.kind AND c.device_id = a.device_id
        AND (CASE c.status WHEN 'PENDING' THEN 0 WHEN 'SENT' THEN 1 WHEN 'ACCEPTED' THEN 2 ELSE 9 END)
          < (CASE a.status WHEN 'ACCEPTED' THEN 2 ELSE 3 END)
        AND (c.status = 'ACCEPTED' OR c.expires_at > a.at)
      RETURNING c.id::text`,
    [
      acks.map((a) => a.commandId),
      acks.map((a) => a.tenantId),
      acks.map((a) => a.kind),
      acks.map((a) => a.deviceId),
      acks.map((a) => a.status),
      acks.map((a) => a.reason),
      acks.map((a) => a.at),
    ],
  );
  return new Set(rows.map((r) => r.id));
}

/** Marks open commands past their expiry as EXPIRED; returns them. */
export function expireDue(tx: Queryable): Promise<CommandRecord[]> {
  return tx.query<CommandRecord>(
    `UPDATE twins.command SET status = 'EXPIRED', completed_at = expires_at
      WHERE status IN ('PENDING', 'SENT') AND expires_at <= now() RETURNING ${COLUMNS}`,
  );
}

/** Cancels an open command; null when it is not open (any more). */
export async function cancelOpenCommand(tx: Queryable, tenantId: string, id: string, by: string): Promise<CommandRecord | null> {
  const [row] = await tx.query<CommandRecord>(
    `UPDATE twins.command SET status = 'CANCELLED', completed_at = now(), cancelled_by = $3
      WHERE tenant_id = $1 AND id = $2 AND status IN ('PENDING', 'SENT') AND expires_at > now() RETURNING ${COLUMNS}`,
    [tenantId, id, by],
  );
  return row ?? null;
}

export interface CommandFilter {
  tenantId: string;
  kind?: DeviceKind;
  deviceId?: string;
  /** Stored status (an open command past its expiry is still stored as open until the sweep runs). */
  statuses?: readonly CommandStatus[];
}

/** Newest first, keyset-paged by (created_at, id). */
/** The commands a filter names, newest first (keyset by creation time and id). */
const commandsOf = (filter: CommandFilter): KeysetQuery => ({
  select: COLUMNS,
  from: 'twins.command',
  where: `tenant_id = $1 AND ($2::text IS NULL OR kind = $2) AND ($3::text IS NULL OR device_id = $3) AND ($4::text[] IS NULL OR status = ANY($4::text[]))`,
  params: [filter.tenantId, filter.kind ?? null, filter.deviceId ?? null, filter.statuses ?? null],
  key: [
    { column: 'created_at', type: 'timestamptz' },
    { column: 'id', type: 'uuid' },
  ],
  direction: 'DESC',
});

export function listCommands(db: Queryable, filter: CommandFilter, first: number, after?: [string, string]): Promise<CommandRecord[]> {
  return keysetPage<CommandRecord>(db, commandsOf(filter), first, after);
}

export function countCommands(db: Queryable, filter: CommandFilter): Promise<number> {
  return keysetCount(db, commandsOf(filter));
}
