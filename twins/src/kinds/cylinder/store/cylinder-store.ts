import type { Queryable } from '@hearth/platform/db';
import { JsonTwinStore } from '../../json-twin-store';
import type { CylinderTwinState } from '../model/cylinder-twin';

export const cylinderTwinStore = new JsonTwinStore<CylinderTwinState>('twins.cylinder_twin', (twin) => twin.cylinderId);

export interface CylinderReadingRow {
  time: Date;
  tenantId: string;
  cylinderId: string;
  grossKg: number;
  batteryPercent: number | null;
  seq: number | null;
  receivedAt: Date;
}

/** Appends a batch's readings to the hypertable in one statement. */
export async function insertCylinderReadings(tx: Queryable, rows: CylinderReadingRow[]): Promise<void> {
  if (rows.length === 0) return;
  const col = <K extends keyof CylinderReadingRow>(k: K) => rows.map((r) => r[k]);
  await tx.query(
    `INSERT INTO twins.cylinder_reading (time, tenant_id, cylinder_id, gross_kg, battery_percent, seq, received_at)
     SELECT * FROM unnest($1::timestamptz[], $2::uuid[], $3::text[], $4::float8[], $5::float8[], $6::bigint[], $7::timestamptz[])`,
    [col('time'), col('tenantId'), col('cylinderId'), col('grossKg'), col('batteryPercent'), col('seq'), col('receivedAt')],
  );
}
