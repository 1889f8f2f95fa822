import { HearthError } from '@hearth/platform';
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

export interface DetectorReadingPoint {
  at: Date;
  lelPercent: number | null;
  fault: number | null;
}

export const MAX_DETECTOR_POINTS = 5000;

/**
 * A detector's readings for a chart: buckets as wide as the range ÷ `maxPoints` (at least 1 s),
 * each holding its PEAK concentration, not its average (a leak of a few seconds must not vanish in
 * an hour's mean), and every fault bit seen in it. Buckets start at `from`, so the range holds at
 * most `maxPoints` of them.
 */
export async function detectorHistory(
  db: Queryable,
  q: { tenantId: string; detectorId: string; from: Date; to: Date; maxPoints: number },
): Promise<DetectorReadingPoint[]> {
  if (!(q.to > q.from)) throw new HearthError('BAD_USER_INPUT', '`to` must be after `from`.', { fields: [{ field: 'to', message: 'must be after from' }] });
  if (!Number.isInteger(q.maxPoints) || q.maxPoints < 1 || q.maxPoints > MAX_DETECTOR_POINTS) {
    throw new HearthError('LIMIT_EXCEEDED', `maxPoints must be between 1 and ${MAX_DETECTOR_POINTS}.`, { max: MAX_DETECTOR_POINTS });
  }
  const width = Math.max(1, Math.ceil((q.to.getTime() - q.from.getTime()) / 1000 / q.maxPoints));
  return db.query<DetectorReadingPoint>(
    `SELECT time_bucket(make_interval(secs => $5::int), time, origin => $3::timestamptz) AS "at", max(lel_percent) AS "lelPercent", bit_or(fault) AS "fault"
       FROM twins.detector_reading WHERE tenant_id = $1 AND detector_id = $2 AND time >= $3 AND time < $4
      GROUP BY 1 ORDER BY 1 LIMIT $6`,
    [q.tenantId, q.detectorId, q.from, q.to, width, q.maxPoints],
  );
}
