import { HearthError } from '@hearth/platform';
import type { Queryable } from '@hearth/platform/db';
import { FILL_REFUSALS, isOverfill } from '@hearth/platform/domain';
import { appendCylinderEvents, moveCylinders } from '../lifecycle/move-cylinders';
import type { ScaleFill } from './scale-fills.store';

/** Who the intake acts as in the cylinders' log. */
export const FILL_INTAKE_ACTOR = 'service:fill-intake';

export type RecordedFill = { recorded: false } | { recorded: true; refusal: string | null };

interface Cylinder {
  id: string;
  state: string;
  specCode: string;
  maxFillKg: number;
  toleranceKg: number;
}

/**
 * Records one scale fill, in the caller's transaction: the fill record (same id: a second read
 * records nothing), attached to the open filling order of its station and spec at fill time, and
 * the cylinder's FILL move. A fill that happened is a fact even when the cylinder could not be
 * filled by its life (a bypassed interlock on a scrapped cylinder, one in transit): it is recorded
 * with the lifecycle's reason, and the cylinder's log gets a FILL_REFUSED event instead of a move.
 */
export async function recordFill(tx: Queryable, fill: ScaleFill): Promise<RecordedFill> {
  const [place] = await tx.query<{ stationId: string }>(
    `SELECT station_id::text AS "stationId" FROM cylinders.filling_scale WHERE tenant_id = $1 AND id = $2`,
    [fill.tenantId, fill.scaleId],
  );
  // The tag names the cylinder; the twin's cylinder id, when it had one, wins over a re-tagged cylinder.
  const [cylinder] = await tx.query<Cylinder>(
    `SELECT c.id::text, c.state, c.spec_code AS "specCode", s.max_fill_kg AS "maxFillKg", s.tolerance_kg AS "toleranceKg"
       FROM cylinders.cylinder c JOIN cylinders.spec s ON s.tenant_id = c.tenant_id AND s.code = c.spec_code
      WHERE c.tenant_id = $1 AND (c.id = $2::uuid OR c.tag = $3) ORDER BY (c.id = $2::uuid) DESC NULLS LAST LIMIT 1`,
    [fill.tenantId, fill.cylinderId, fill.tag],
  );
  const stationId = place?.stationId ?? null;
  // The scale judges overfill only for a fill it was released for; a bypass of a registered
  // cylinder is judged here against its spec (GB 5842: max fill + tolerance).
  const overfill = fill.overfill || (cylinder !== undefined && isOverfill(fill.netKg, cylinder));
  const orderId = stationId ? await openOrderAt(tx, fill, stationId, cylinder?.specCode ?? null) : null;
  const inserted = await tx.query(
    `INSERT INTO cylinders.fill_record (id, tenant_id, cylinder_id, tag, scale_id, station_id, filling_order_id, spec_code, operator,
                                        tare_kg, gross_kg, net_kg, filled_at, released, overfill)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) ON CONFLICT (id) DO NOTHING RETURNING id`,
    [
      fill.id,
      fill.tenantId,
      cylinder?.id ?? null,
      fill.tag,
      fill.scaleId,
      stationId,
      orderId,
      cylinder?.specCode ?? null,
      fill.operator,
      fill.tareKg,
      fill.grossKg,
      fill.netKg,
      fill.filledAt,
      fill.released,
      overfill,
    ],
  );
  if (inserted.length === 0) return { recorded: false };
  if (!cylinder) return refuse(tx, fill, null, FILL_REFUSALS.UNREGISTERED);
  if (!stationId) return refuse(tx, fill, cylinder, `the scale ${fill.scaleId} is not a filling scale of the registry`);
  try {
    await moveCylinders(tx, { tenantId: fill.tenantId, actor: FILL_INTAKE_ACTOR }, [
      {
        cylinderId: cylinder.id,
        event: 'FILL',
        siteId: stationId,
        fill: { id: fill.id, at: fill.filledAt, stationId, netKg: fill.netKg },
        deviceId: fill.scaleId,
        ref: `fill:${fill.id}`,
        at: fill.filledAt,
        details: { netKg: fill.netKg, overfill, released: fill.released, operator: fill.operator },
      },
    ]);
    return { recorded: true, refusal: null };
  } catch (err) {
    // moveCylinders refuses before it writes: the transaction is still good for the record.
    if (!(err instanceof HearthError) || err.extensions.code !== 'INVALID_CYLINDER_TRANSITION') throw err;
    return refuse(tx, fill, { ...cylinder, state: String(err.extensions.state ?? cylinder.state) }, String(err.extensions.reason ?? err.message), stationId);
  }
}

/** The open order of the station for the cylinder's spec at fill time; for a cylinder of no known spec, the station's one open order, if only one. */
async function openOrderAt(tx: Queryable, fill: ScaleFill, stationId: string, specCode: string | null): Promise<string | null> {
  const orders = await tx.query<{ id: string }>(
    `SELECT id::text FROM cylinders.filling_order
      WHERE tenant_id = $1 AND station_id = $2 AND opened_at <= $3 AND (closed_at IS NULL OR closed_at > $3) AND ($4::text IS NULL OR spec_code = $4)
      ORDER BY opened_at DESC LIMIT 2`,
    [fill.tenantId, stationId, fill.filledAt, specCode],
  );
  if (specCode === null && orders.length > 1) return null;
  return orders[0]?.id ?? null;
}

async function refuse(tx: Queryable, fill: ScaleFill, cylinder: Cylinder | null, reason: string, siteId: string | null = null): Promise<RecordedFill> {
  await tx.query(`UPDATE cylinders.fill_record SET refusal = $2 WHERE id = $1`, [fill.id, reason]);
  if (cylinder) {
    await appendCylinderEvents(tx, [
      {
        tenantId: fill.tenantId,
        cylinderId: cylinder.id,
        at: fill.filledAt,
        event: 'FILL_REFUSED',
        from: cylinder.state,
        to: cylinder.state,
        siteId,
        deviceId: fill.scaleId,
        actor: FILL_INTAKE_ACTOR,
        ref: `fill:${fill.id}`,
        details: { reason, netKg: fill.netKg, overfill: fill.overfill, released: fill.released, operator: fill.operator, tag: fill.tag },
      },
    ]);
  }
  return { recorded: true, refusal: reason };
}
