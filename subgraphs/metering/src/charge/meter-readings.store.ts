import { timeKeySql, type Queryable, type TableKey } from '@hearth/platform/db';

/**
 * The one module of the metering service that reads what meters reported, as a contract (the twins
 * service's meter kind creates the table; no twins code is imported, nothing here writes it):
 * `twins.meter_reading (id bigserial, tenant_id, meter_id, observed_at, register_milli,
 * remaining_money_minor, relay, received_at)`, unique per (tenant_id, meter_id, observed_at), indexed
 * by `(received_at, id)`. Until the twins service has migrated there is nothing to read.
 */
export const METER_READING_TABLE = 'twins.meter_reading';

export interface MeterReading {
  id: string;
  tenantId: string;
  meterId: string;
  observedAt: Date;
  /** `observed_at` to the microsecond (the ledger key and the charge's key). */
  observedKey: string;
  registerMilli: number;
  receivedAt: Date;
  receivedKey: string;
}

const COLUMNS = `r.id::text, r.tenant_id::text AS "tenantId", r.meter_id::text AS "meterId", r.observed_at AS "observedAt",
  ${timeKeySql('r.observed_at')} AS "observedKey", r.register_milli::float8 AS "registerMilli", r.received_at AS "receivedAt",
  ${timeKeySql('r.received_at')} AS "receivedKey"`;

/**
 * Readings after the key (received_at, id) not judged yet: one already charged (or judged BEHIND,
 * RESET…) has its row in metering.charge and is left out by the database (an index probe), so the
 * look-back window and the sweep cost reads of the index, nothing more. The key is the table's
 * index `(received_at, id)`, unique: a page may end anywhere, the next starts right after it.
 */
export function readingsAfter(db: Queryable, after: TableKey, limit: number): Promise<MeterReading[]> {
  return db.query<MeterReading>(
    `SELECT ${COLUMNS}
       FROM twins.meter_reading r
      WHERE r.received_at >= $1::timestamptz AND (r.received_at, r.id) > ($1::timestamptz, $2::bigint)
        AND NOT EXISTS (SELECT 1 FROM metering.charge c WHERE c.tenant_id = r.tenant_id AND c.meter_id = r.meter_id AND c.observed_at = r.observed_at)
      ORDER BY r.received_at, r.id LIMIT $3`,
    [after[0], after[1], limit],
  );
}
