import type { Database } from '@hearth/platform/db';

export const SAMPLE_SECONDS = 10;

/** Tank k of the history benchmark (a fixed uuid, so a query names it without a lookup). */
export const historyTankId = (k: number): string => `00000000-0000-4000-8000-${String(k).padStart(12, '0')}`;

/**
 * `days` of 10-second samples for `tanks` tanks, ending at `end`, one day per statement (a
 * hypertable chunk is a day): a daily draw-down and refill plus jitter, temperature following
 * the day, the volume and fill the twin would derive. Deterministic, so two runs agree. Rows go
 * in time order, tanks interleaved, as ingest writes them (a tank's rows are not contiguous on
 * disk until compression regroups them by tank).
 */
export async function generateTankHistory(
  db: Database,
  o: { tenantId: string; tanks: number; days: number; end: Date },
  onDay?: (day: number) => void,
): Promise<number> {
  for (let day = o.days; day >= 1; day--) {
    await db.query(
      `INSERT INTO twins.tank_sample (time, tenant_id, tank_id, level_mm, temperature_c, pressure_kpa, volume_liters, fill_percent, mass_kg, seq, received_at)
       SELECT ts, $1, ('00000000-0000-4000-8000-' || lpad(k::text, 12, '0'))::uuid, level, temp, 620 + temp,
              level * 20, level / 25, level * 10.2, extract(epoch FROM ts)::bigint, ts
         FROM generate_series($3::timestamptz - make_interval(days => $4::int), $3::timestamptz - make_interval(days => $4::int - 1) - make_interval(secs => ${SAMPLE_SECONDS}),
                              make_interval(secs => ${SAMPLE_SECONDS})) ts,
              generate_series(1, $2::int) k,
              LATERAL (SELECT 1200 + 500 * sin(2 * pi() * extract(epoch FROM ts) / 86400 + k) + k
                              + ((extract(epoch FROM ts)::bigint * 7919 + k * 104729) % 1000) / 500.0 AS level,
                              12 + 6 * sin(2 * pi() * extract(epoch FROM ts) / 86400 - 2) AS temp) v
        ORDER BY ts, k`,
      [o.tenantId, o.tanks, o.end, day],
    );
    onDay?.(day);
  }
  return o.tanks * o.days * (86_400 / SAMPLE_SECONDS);
}

/**
 * The chart query of the twins store (tank-history-store.ts `bucketed`): average per bucket of one
 * tank over a range, from the 1-minute continuous aggregate or from the raw hypertable.
 */
export const historySql = (source: 'aggregate' | 'raw', widthSeconds: number): string => {
  const [table, time] = source === 'aggregate' ? ['twins.tank_sample_1m', 'bucket'] : ['twins.tank_sample', 'time'];
  return `SELECT time_bucket(make_interval(secs => ${widthSeconds}), ${time}) AS "at",
                 avg(level_mm) AS "levelMm", avg(volume_liters) AS "volumeLiters", avg(fill_percent) AS "fillPercent", avg(temperature_c) AS "temperatureC"
            FROM ${table} WHERE tenant_id = $1 AND tank_id = $2 AND ${time} >= $3 AND ${time} < $4
           GROUP BY 1 ORDER BY 1`;
};
