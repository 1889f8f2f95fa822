import type { Queryable } from '@hearth/platform/db';
import { JsonTwinStore } from '../../json-twin-store';
import type { PumpTwinState } from '../model/pump-twin';

export const pumpTwinStore = new JsonTwinStore<PumpTwinState>('twins.pump_twin', (twin) => twin.pumpId);

/** One AUTH_REQUEST (`twins.pump_auth_request`): the fueling service decides it under the same id. */
export interface PumpAuthRequestRow {
  table: 'auth_request';
  id: string;
  time: Date;
  tenantId: string;
  pumpId: string;
  nozzle: number;
  cardNumber: string;
  presetMinor: number | null;
  plate: string | null;
  seq: number | null;
  receivedAt: Date;
}

/** One TRANSACTION (`twins.pump_transaction`), as the pump reported it; `time` is when the sale ended. */
export interface PumpTransactionRow {
  table: 'transaction';
  id: string;
  time: Date;
  tenantId: string;
  pumpId: string;
  counter: number;
  cardNumber: string | null;
  nozzle: number;
  grade: string;
  volumeMl: number;
  unitPriceMinor: number;
  amountMinor: number;
  totalizerStartMl: number;
  totalizerEndMl: number;
  startedAt: Date;
  endedAt: Date;
  seq: number | null;
  receivedAt: Date;
}

export type PumpRow = PumpAuthRequestRow | PumpTransactionRow;

/** Appends a batch's requests and sales, one statement per table. */
export async function insertPumpRows(tx: Queryable, rows: readonly PumpRow[]): Promise<void> {
  const requests = rows.filter((r): r is PumpAuthRequestRow => r.table === 'auth_request');
  const sales = rows.filter((r): r is PumpTransactionRow => r.table === 'transaction');
  await Promise.all([insertRequests(tx, requests), insertSales(tx, sales)]);
}

async function insertRequests(tx: Queryable, rows: PumpAuthRequestRow[]): Promise<void> {
  if (rows.length === 0) return;
  const col = <K extends keyof PumpAuthRequestRow>(k: K) => rows.map((r) => r[k]);
  await tx.query(
    `INSERT INTO twins.pump_auth_request (id, time, tenant_id, pump_id, nozzle, card_number, preset_minor, plate, seq, received_at)
     SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::uuid[], $4::text[], $5::int[], $6::text[], $7::bigint[], $8::text[], $9::bigint[], $10::timestamptz[])`,
    [col('id'), col('time'), col('tenantId'), col('pumpId'), col('nozzle'), col('cardNumber'), col('presetMinor'), col('plate'), col('seq'), col('receivedAt')],
  );
}

async function insertSales(tx: Queryable, rows: PumpTransactionRow[]): Promise<void> {
  if (rows.length === 0) return;
  const col = <K extends keyof PumpTransactionRow>(k: K) => rows.map((r) => r[k]);
  await tx.query(
    `INSERT INTO twins.pump_transaction (id, time, tenant_id, pump_id, counter, card_number, nozzle, grade, volume_ml, unit_price_minor, amount_minor,
       totalizer_start_ml, totalizer_end_ml, started_at, ended_at, seq, received_at)
     SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::uuid[], $4::text[], $5::bigint[], $6::text[], $7::int[], $8::text[], $9::bigint[], $10::bigint[],
                          $11::bigint[], $12::bigint[], $13::bigint[], $14::timestamptz[], $15::timestamptz[], $16::bigint[], $17::timestamptz[])`,
    [
      col('id'),
      col('time'),
      col('tenantId'),
      col('pumpId'),
      col('counter'),
      col('cardNumber'),
      col('nozzle'),
      col('grade'),
      col('volumeMl'),
      col('unitPriceMinor'),
      col('amountMinor'),
      col('totalizerStartMl'),
      col('totalizerEndMl'),
      col('startedAt'),
      col('endedAt'),
      col('seq'),
      col('receivedAt'),
    ],
  );
}
