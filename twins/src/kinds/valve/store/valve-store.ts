import type { Queryable } from '@hearth/platform/db';
import { JsonTwinStore } from '../../json-twin-store';
import type { ValveTwinState } from '../model/valve-twin';

export const valveTwinStore = new JsonTwinStore<ValveTwinState>('twins.valve_twin', (twin) => twin.valveId);

export interface ValveReadingRow {
  time: Date;
  tenantId: string;
  valveId: string;
  open: boolean | null;
  fault: number | null;
  seq: number | null;
  receivedAt: Date;
}

/** Appends a batch's positions to the hypertable in one statement. */
export async function insertValveReadings(tx: Queryable, rows: ValveReadingRow[]): Promise<void> {
  if (rows.length === 0) return;
  const col = <K extends keyof ValveReadingRow>(k: K) => rows.map((r) => r[k]);
  await tx.query(
    `INSERT INTO twins.valve_reading (time, tenant_id, valve_id, open, fault, seq, received_at)
     SELECT * FROM unnest($1::timestamptz[], $2::uuid[], $3::text[], $4::boolean[], $5::int[], $6::bigint[], $7::timestamptz[])`,
    [col('time'), col('tenantId'), col('valveId'), col('open'), col('fault'), col('seq'), col('receivedAt')],
  );
}
