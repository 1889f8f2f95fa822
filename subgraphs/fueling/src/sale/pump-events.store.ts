import { timeKeySql, type Queryable, type TableKey } from '@hearth/platform/db';

/**
 * The one module of the fueling service that reads what pumps reported, as a contract (the twins
 * service's pump kind creates these tables; no twins code is imported, nothing here writes them):
 * `twins.pump_auth_request (id, time, tenant_id, pump_id, nozzle, card_number, preset_minor, plate,
 * seq, received_at)` and `twins.pump_transaction (id, time, tenant_id, pump_id, counter,
 * card_number, nozzle, grade, volume_ml, unit_price_minor, amount_minor, totalizer_start_ml,
 * totalizer_end_ml, started_at, ended_at, seq, received_at)`, each indexed by `(received_at, id)`.
 * Until the twins service has migrated there is nothing to read.
 */
export const AUTH_REQUEST_TABLE = 'twins.pump_auth_request';
export const PUMP_TRANSACTION_TABLE = 'twins.pump_transaction';

export interface PumpAuthRequest {
  id: string;
  tenantId: string;
  pumpId: string;
  nozzle: number;
  cardNumber: string;
  presetMinor: number | null;
  plate: string | null;
  requestedAt: Date;
  /** When the twins service received it (its clock): the pump waits for an answer only so long. */
  receivedAt: Date;
  receivedKey: string;
}

export interface PumpTransaction {
  id: string;
  tenantId: string;
  pumpId: string;
  counter: number;
  cardNumber: string | null;
  nozzle: number;
  gradeCode: string;
  volumeMl: number;
  unitPriceMinor: number;
  amountMinor: number;
  totalizerStartMl: number;
  totalizerEndMl: number;
  startedAt: Date;
  endedAt: Date;
  receivedAt: Date;
  receivedKey: string;
}

/** Requests after the key not yet decided (a request read again in the look-back window is left out by the database). */
export function authRequestsAfter(db: Queryable, after: TableKey, limit: number): Promise<PumpAuthRequest[]> {
  return db.query<PumpAuthRequest>(
    `SELECT r.id::text, r.tenant_id::text AS "tenantId", r.pump_id AS "pumpId", r.nozzle, r.card_number AS "cardNumber",
            r.preset_minor::float8 AS "presetMinor", r.plate, r.time AS "requestedAt", r.received_at AS "receivedAt", ${timeKeySql('r.received_at')} AS "receivedKey"
       FROM twins.pump_auth_request r
      WHERE r.received_at >= $1::timestamptz AND (r.received_at, r.id) > ($1::timestamptz, $2::uuid)
        AND NOT EXISTS (SELECT 1 FROM fueling.authorization a WHERE a.id = r.id)
      ORDER BY r.received_at, r.id LIMIT $3`,
    [after[0], after[1], limit],
  );
}

/** Transactions after the key whose (pump, counter) is not settled yet. */
export function pumpTransactionsAfter(db: Queryable, after: TableKey, limit: number): Promise<PumpTransaction[]> {
  return db.query<PumpTransaction>(
    `SELECT t.id::text, t.tenant_id::text AS "tenantId", t.pump_id AS "pumpId", t.counter::float8 AS counter, t.card_number AS "cardNumber",
            t.nozzle, t.grade AS "gradeCode", t.volume_ml::float8 AS "volumeMl", t.unit_price_minor::float8 AS "unitPriceMinor",
            t.amount_minor::float8 AS "amountMinor", t.totalizer_start_ml::float8 AS "totalizerStartMl", t.totalizer_end_ml::float8 AS "totalizerEndMl",
            t.started_at AS "startedAt", t.ended_at AS "endedAt", t.received_at AS "receivedAt", ${timeKeySql('t.received_at')} AS "receivedKey"
       FROM twins.pump_transaction t
      WHERE t.received_at >= $1::timestamptz AND (t.received_at, t.id) > ($1::timestamptz, $2::uuid)
        AND NOT EXISTS (SELECT 1 FROM fueling.sale s WHERE s.tenant_id = t.tenant_id AND s.pump_id = t.pump_id AND s.counter = t.counter)
      ORDER BY t.received_at, t.id LIMIT $3`,
    [after[0], after[1], limit],
  );
}
