import { timeKeySql, type Queryable, type TableKey } from '@hearth/platform/db';

/**
 * The one module of the cylinders service that reads the scales' fills, as a contract (the twins
 * service's scale kind creates it; no twins code is imported, and nothing here writes):
 * `twins.scale_fill (id, time, tenant_id, scale_id, tag, cylinder_id, tare_kg, gross_kg, net_kg,
 * operator, released, overfill, seq, received_at)`, indexed by `(received_at, id)`. `time` is when
 * the scale filled; `released` whether the interlock had released it for that tag. The twins service
 * may migrate after this one starts: until the table exists there is nothing to read.
 */
export interface ScaleFill {
  id: string;
  tenantId: string;
  scaleId: string;
  tag: string;
  cylinderId: string | null;
  tareKg: number;
  grossKg: number;
  netKg: number;
  operator: string | null;
  released: boolean;
  overfill: boolean;
  filledAt: Date;
  /** `received_at` to the microsecond, as the cursor keeps it. */
  receivedKey: string;
  /** Already recorded (a fill read again in the look-back window). */
  recorded: boolean;
}

export const SCALE_FILL_TABLE = 'twins.scale_fill';

/** Up to `limit` fills after `(receivedAt, id)`, in that order, each saying whether it is recorded already. */
export function scaleFillsAfter(db: Queryable, after: TableKey, limit: number): Promise<ScaleFill[]> {
  return db.query<ScaleFill>(
    `SELECT f.id::text, f.tenant_id::text AS "tenantId", f.scale_id AS "scaleId", f.tag, f.cylinder_id::text AS "cylinderId",
            f.tare_kg AS "tareKg", f.gross_kg AS "grossKg", f.net_kg AS "netKg", f.operator, f.released, f.overfill,
            f.time AS "filledAt", ${timeKeySql('f.received_at')} AS "receivedKey",
            EXISTS (SELECT 1 FROM cylinders.fill_record r WHERE r.id = f.id) AS recorded
       FROM twins.scale_fill f
      WHERE f.received_at >= $1::timestamptz AND (f.received_at, f.id) > ($1::timestamptz, $2::uuid)
      ORDER BY f.received_at, f.id LIMIT $3`,
    [after[0], after[1], limit],
  );
}
