import { HearthError } from '@hearth/platform';
import type { Queryable } from '@hearth/platform/db';

export type HistoryResolution = 'AUTO' | 'RAW' | 'MINUTE' | 'HOUR';
export interface TankReadingRow {
  at: Date;
  levelMm: number | null;
  volumeLiters: number | null;
  fillPercent: number | null;
  temperatureC: number | null;
}

export const MAX_HISTORY_POINTS = 5000;
const SOURCES = { MINUTE: { table: 'twins.tank_sample_1m', seconds: 60 }, HOUR: { table: 'twins.tank_sample_1h', seconds: 3600 } } as const;

/**
 * Tank history for charts. MINUTE and HOUR read the continuous aggregates; AUTO picks a
 * bucket so that at most `maxPoints` come back, re-bucketing the finest source that is
 * coarse enough (raw samples, 1-minute or 1-hour aggregates). Buckets start at `from`, so a range
 * never holds more than `maxPoints` of them (aligned to the epoch, one more could straddle each end).
 */
export async function tankHistory(
  db: Queryable,
  q: { tenantId: string; tankId: string; from: Date; to: Date; resolution: HistoryResolution; maxPoints: number },
): Promise<TankReadingRow[]> {
  if (!(q.to > q.from)) throw new HearthError('BAD_USER_INPUT', '`to` must be after `from`.', { fields: [{ field: 'to', message: 'must be after from' }] });
  if (!Number.isInteger(q.maxPoints) || q.maxPoints < 1 || q.maxPoints > MAX_HISTORY_POINTS) {
    throw new HearthError('LIMIT_EXCEEDED', `maxPoints must be between 1 and ${MAX_HISTORY_POINTS}.`, { max: MAX_HISTORY_POINTS });
  }
  const rangeSeconds = (q.to.getTime() - q.from.getTime()) / 1000;
  const params = [q.tenantId, q.tankId, q.from, q.to];
  if (q.resolution === 'RAW') {
    const rows = await db.query<TankReadingRow>(
      `SELECT time AS "at", level_mm AS "levelMm", volume_liters AS "volumeLiters", fill_percent AS "fillPercent", temperature_c AS "temperatureC"
         FROM twins.tank_sample WHERE tenant_id = $1 AND tank_id = $2 AND time >= $3 AND time < $4 ORDER BY time LIMIT ${q.maxPoints + 1}`,
      params,
    );
    if (rows.length > q.maxPoints) throw tooMany(q.maxPoints);
    return rows;
  }
  if (q.resolution !== 'AUTO') {
    const source = SOURCES[q.resolution];
    if (rangeSeconds / source.seconds > q.maxPoints) throw tooMany(q.maxPoints);
    return bucketed(db, source.table, 'bucket', source.seconds, params);
  }
  const width = Math.max(1, Math.ceil(rangeSeconds / q.maxPoints));
  if (width < 60) return bucketed(db, 'twins.tank_sample', 'time', width, params);
  if (width < 3600) return bucketed(db, SOURCES.MINUTE.table, 'bucket', Math.ceil(width / 60) * 60, params);
  return bucketed(db, SOURCES.HOUR.table, 'bucket', Math.ceil(width / 3600) * 3600, params);
}

function bucketed(db: Queryable, table: string, timeColumn: string, widthSeconds: number, params: unknown[]): Promise<TankReadingRow[]> {
  return db.query<TankReadingRow>(
    `SELECT time_bucket(make_interval(secs => ${widthSeconds}), ${timeColumn}, origin => $3::timestamptz) AS "at",
            avg(level_mm) AS "levelMm", avg(volume_liters) AS "volumeLiters", avg(fill_percent) AS "fillPercent", avg(temperature_c) AS "temperatureC"
       FROM ${table} WHERE tenant_id = $1 AND tank_id = $2 AND ${timeColumn} >= $3 AND ${timeColumn} < $4
      GROUP BY 1 ORDER BY 1`,
    params,
  );
}

const tooMany = (max: number) =>
  new HearthError('LIMIT_EXCEEDED', `More than ${max} points in that range at that resolution; use AUTO, a coarser resolution or a shorter range.`, { max });
