import { HearthError } from '@hearth/platform';
import type { Queryable } from '@hearth/platform/db';
import { cylinderTransition, type CylinderEvent, type CylinderState } from '@hearth/platform/domain';

/**
 * One step in one cylinder's life, as a document records it (a transfer's dispatch, a fill, a
 * hand-over). `siteId` is where it happens and, for a state kept in stock, where the cylinder then is
 * (omitted: where it was).
 */
export interface CylinderMove {
  cylinderId: string;
  event: CylinderEvent;
  siteId?: string | null;
  /** HAND_OVER: the customer who now holds it. */
  holderCustomerId?: string;
  /** DISPATCH: the transfer order carrying it, and whether it travels full. */
  transferOrderId?: string;
  full?: boolean;
  /** FILL: the fill record, to show as the cylinder's last fill. */
  fill?: { id: string; at: Date; stationId: string; netKg: number };
  /** The device that saw it (a scale, a reader); the document it belongs to (`transfer:<id>`). */
  deviceId?: string | null;
  ref?: string | null;
  details?: Record<string, unknown>;
  /** When it happened; now when omitted. */
  at?: Date;
}

interface LockedRow {
  id: string;
  serial: string;
  state: CylinderState;
  locationSiteId: string | null;
  inTransitFull: boolean | null;
}

/**
 * The one writer of cylinders' states: locks the cylinders (in id order, so two documents moving
 * the same cylinders never deadlock), checks every step against the lifecycle, then updates them
 * and appends one event each, all in the caller's transaction. Any refused step refuses the whole
 * batch (INVALID_CYLINDER_TRANSITION naming the cylinder and why); a cylinder that is not the
 * tenant's is NOT_FOUND. Several moves of one cylinder in a batch apply in order.
 */
export async function moveCylinders(tx: Queryable, by: { tenantId: string; actor: string }, moves: readonly CylinderMove[]): Promise<void> {
  if (moves.length === 0) return;
  const ids = [...new Set(moves.map((m) => m.cylinderId.toLowerCase()))].sort();
  const rows = await tx.query<LockedRow>(
    `SELECT id::text, serial, state, location_site_id::text AS "locationSiteId", in_transit_full AS "inTransitFull"
       FROM cylinders.cylinder WHERE tenant_id = $1 AND id = ANY($2::uuid[]) ORDER BY id FOR UPDATE`,
    [by.tenantId, ids],
  );
  const current = new Map(rows.map((r) => [r.id, r]));
  const missing = ids.find((id) => !current.has(id));
  if (missing) throw new HearthError('NOT_FOUND', `No cylinder ${missing}.`, { entity: 'Cylinder', id: missing });

  const events: CylinderLogEntry[] = [];
  const updates = new Map<string, Record<string, unknown>>();
  for (const move of moves) {
    const row = current.get(move.cylinderId.toLowerCase())!;
    const step = cylinderTransition(row.state, move.event, { full: row.state === 'IN_TRANSIT' ? row.inTransitFull === true : move.full });
    if (!step.ok) {
      throw new HearthError('INVALID_CYLINDER_TRANSITION', `Cylinder ${row.serial}: ${step.reason}.`, {
        cylinderId: row.id,
        serial: row.serial,
        state: row.state,
        event: move.event,
        reason: step.reason,
      });
    }
    const to = step.to;
    const site = move.siteId ?? row.locationSiteId;
    const change: Record<string, unknown> = { ...updates.get(row.id), state: to };
    change.location = to === 'IN_TRANSIT' || to === 'AT_CUSTOMER' || to === 'LOST' ? null : site;
    change.holder = to === 'AT_CUSTOMER' ? requireField(move.holderCustomerId, 'holderCustomerId', move) : null;
    change.transfer = to === 'IN_TRANSIT' ? requireField(move.transferOrderId, 'transferOrderId', move) : null;
    change.full = to === 'IN_TRANSIT' ? requireField(move.full, 'full', move) : null;
    if (change.location === null && !['IN_TRANSIT', 'AT_CUSTOMER', 'LOST'].includes(to)) {
      throw new HearthError('BAD_USER_INPUT', `Cylinder ${row.serial} has no location to be ${to} at.`, { fields: [{ field: 'siteId', message: 'required' }] });
    }
    if (move.fill) change.fill = move.fill;
    updates.set(row.id, change);
    events.push({
      tenantId: by.tenantId,
      cylinderId: row.id,
      at: move.at ?? new Date(),
      event: move.event,
      from: row.state,
      to,
      siteId: move.siteId ?? row.locationSiteId,
      deviceId: move.deviceId ?? null,
      actor: by.actor,
      ref: move.ref ?? null,
      details: move.details ?? {},
    });
    row.state = to;
    row.locationSiteId = change.location as string | null;
    row.inTransitFull = change.full as boolean | null;
  }

  const list = [...updates.entries()];
  const col = (f: (c: Record<string, unknown>) => unknown) => list.map(([, c]) => f(c) ?? null);
  await tx.query(
    `UPDATE cylinders.cylinder c SET state = u.state, location_site_id = u.location, holder_customer_id = u.holder,
            transfer_order_id = u.transfer, in_transit_full = u."full",
            last_fill_id = COALESCE(u.fill_id, c.last_fill_id), last_filled_at = COALESCE(u.fill_at, c.last_filled_at),
            last_fill_station_id = COALESCE(u.fill_station, c.last_fill_station_id), last_net_kg = COALESCE(u.fill_net, c.last_net_kg),
            updated_at = now()
       FROM unnest($2::uuid[], $3::text[], $4::uuid[], $5::uuid[], $6::uuid[], $7::boolean[], $8::uuid[], $9::timestamptz[], $10::uuid[], $11::float8[])
         AS u(id, state, location, holder, transfer, "full", fill_id, fill_at, fill_station, fill_net)
      WHERE c.tenant_id = $1 AND c.id = u.id`,
    [
      by.tenantId,
      list.map(([id]) => id),
      col((c) => c.state),
      col((c) => c.location),
      col((c) => c.holder),
      col((c) => c.transfer),
      col((c) => c.full),
      col((c) => (c.fill as CylinderMove['fill'])?.id),
      col((c) => (c.fill as CylinderMove['fill'])?.at),
      col((c) => (c.fill as CylinderMove['fill'])?.stationId),
      col((c) => (c.fill as CylinderMove['fill'])?.netKg),
    ],
  );
  await appendCylinderEvents(tx, events);
}

/** One entry of a cylinder's log: what happened (and from which state to which), where, with which device, who did it, for which document. */
export interface CylinderLogEntry {
  tenantId: string;
  cylinderId: string;
  at: Date;
  event: string;
  from: string | null;
  to: string;
  siteId: string | null;
  deviceId: string | null;
  actor: string;
  ref: string | null;
  details: Record<string, unknown>;
}

/** The log's one insert, in one statement however many: also for events that move nothing (REGISTER, UPDATE, FILL_REFUSED). */
export async function appendCylinderEvents(tx: Queryable, entries: readonly CylinderLogEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const col = <T>(f: (e: CylinderLogEntry) => T) => entries.map(f);
  await tx.query(
    `INSERT INTO cylinders.cylinder_event (tenant_id, cylinder_id, at, event, from_state, to_state, site_id, device_id, actor, ref, details)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[], $4::text[], $5::text[], $6::text[], $7::uuid[], $8::text[], $9::text[], $10::text[], $11::jsonb[])`,
    [
      col((e) => e.tenantId),
      col((e) => e.cylinderId),
      col((e) => e.at),
      col((e) => e.event),
      col((e) => e.from),
      col((e) => e.to),
      col((e) => e.siteId),
      col((e) => e.deviceId),
      col((e) => e.actor),
      col((e) => e.ref),
      col((e) => JSON.stringify(e.details)),
    ],
  );
}

function requireField<T>(value: T | undefined, field: string, move: CylinderMove): T {
  if (value === undefined) throw new Error(`moveCylinders: ${move.event} of ${move.cylinderId} needs ${field}`);
  return value;
}
