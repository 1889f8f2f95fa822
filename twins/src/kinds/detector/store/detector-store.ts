import type { Queryable } from '@hearth/platform/db';
import { JsonTwinStore } from '../../json-twin-store';
import type { DetectorTwinState } from '../model/detector-twin';

export const detectorTwinStore = new JsonTwinStore<DetectorTwinState>('twins.detector_twin', (twin) => twin.detectorId);

export interface DetectorReadingRow {
  time: Date;
  tenantId: string;
  detectorId: string;
  lelPercent: number | null;
  fault: number | null;
  seq: number | null;
  receivedAt: Date;
}

/** Appends a batch's readings to the hypertable in one statement. */
export async function insertDetectorReadings(tx: Queryable, rows: DetectorReadingRow[]): Promise<void> {
  if (rows.length === 0) return;
  const col = <K extends keyof DetectorReadingRow>(k: K) => rows.map((r) => r[k]);
  await tx.query(
    `INSERT INTO twins.detector_reading (time, tenant_id, detector_id, lel_percent, fault, seq, received_at)
     SELECT * FROM unnest($1::timestamptz[], $2::uuid[], $3::text[], $4::float8[], $5::int[], $6::bigint[], $7::timestamptz[])`,
    [col('time'), col('tenantId'), col('detectorId'), col('lelPercent'), col('fault'), col('seq'), col('receivedAt')],
  );
}
