import { tableExists, type Queryable } from '@hearth/platform/db';
import type { ReportPeriod } from './report-period';
import type { WetStockSettings } from './wet-stock';

/** A tank's sales of the day; `tankId` null for nozzles with no tank recorded. */
export interface TankSales {
  tankId: string | null;
  gradeCodes: string[];
  salesCount: number;
  soldLiters: number;
}

/**
 * Litres sold per tank of a station's nozzles over the period. A sale is traced through the
 * nozzle's tank as recorded now: a nozzle re-piped to another tank is reconciled as it is piped.
 */
export async function tankSales(db: Queryable, tenantId: string, stationId: string, period: ReportPeriod): Promise<TankSales[]> {
  return db.query<TankSales>(
    `WITH z AS (SELECT n.pump_id, n.number, n.grade_code, n.tank_id FROM fueling.nozzle n
                  JOIN fueling.pump p ON p.tenant_id = n.tenant_id AND p.id = n.pump_id WHERE n.tenant_id = $1 AND p.station_id = $2),
          sold AS (SELECT z.tank_id, count(*)::int AS sales, sum(s.volume_ml) AS ml FROM fueling.sale s
                     LEFT JOIN z ON z.pump_id = s.pump_id AND z.number = s.nozzle
                    WHERE s.tenant_id = $1 AND s.station_id = $2 AND s.ended_at >= $3 AND s.ended_at < $4 GROUP BY z.tank_id),
          tank AS (SELECT tank_id, array_agg(DISTINCT grade_code ORDER BY grade_code) AS grades FROM z WHERE tank_id IS NOT NULL GROUP BY tank_id)
     SELECT t.tank_id::text AS "tankId", t.grades AS "gradeCodes", coalesce(sold.sales, 0) AS "salesCount", coalesce(sold.ml / 1000.0, 0)::float8 AS "soldLiters"
       FROM tank t LEFT JOIN sold ON sold.tank_id = t.tank_id
     UNION ALL
     SELECT NULL, '{}', sales, (ml / 1000.0)::float8 FROM sold WHERE tank_id IS NULL
     ORDER BY 1 NULLS LAST`,
    [tenantId, stationId, period.from, period.to],
  );
}

/** What a tank's gauge read at each end of the period and the deliveries between. */
export interface TankReadings {
  tankId: string;
  openingLiters: number;
  openingReadAt: Date;
  closingLiters: number;
  closingReadAt: Date;
  deliveries: number;
  deliveredLiters: number;
}

/**
 * The one reader of tank gauges in this service, `twins.tank_sample (time, tenant_id, tank_id,
 * volume_liters)` read as a contract with the twins service (its migrations 0001, 0004 and 0012;
 * no twins code is imported). `volume_liters` is the strapping table's volume at the gauged level,
 * uncorrected for temperature: the sample keeps no corrected volume (only its mass, at the density
 * of the tank's configuration, which a delivery of other fuel changes). Pumps sell observed litres
 * too (no temperature compensation at Chinese dispensers), so observed is weighed against observed.
 * A tank without a reading near either end of the period is left out: its figures are unknown.
 * Until the twins service has migrated there are no readings at all.
 */
export async function tankReadings(db: Queryable, tenantId: string, tankIds: readonly string[], period: ReportPeriod, settings: WetStockSettings) {
  if (tankIds.length === 0 || !(await tableExists(db, 'twins.tank_sample'))) return [];
  const age = (at: Date) => new Date(at.getTime() - settings.maxReadingAgeMs);
  // A delivery is a rise of more than the noise between consecutive readings; the tank kept selling
  // while it filled, so what its nozzles sold in between counts as delivered too.
  return db.query<TankReadings>(
    `WITH ends AS (
       SELECT t.tank_id, o.time AS open_at, o.volume_liters AS opening, c.time AS close_at, c.volume_liters AS closing
         FROM unnest($2::uuid[]) AS t(tank_id)
         JOIN LATERAL (SELECT time, volume_liters FROM twins.tank_sample WHERE tenant_id = $1 AND tank_id = t.tank_id AND time <= $3 AND time >= $4
                         AND volume_liters IS NOT NULL ORDER BY time DESC LIMIT 1) o ON true
         JOIN LATERAL (SELECT time, volume_liters FROM twins.tank_sample WHERE tenant_id = $1 AND tank_id = t.tank_id AND time <= $5 AND time >= $6
                         AND volume_liters IS NOT NULL ORDER BY time DESC LIMIT 1) c ON true),
     steps AS (
       SELECT r.tank_id, lag(r.time) OVER w AS prev_at, r.time AS at, r.volume_liters - lag(r.volume_liters) OVER w AS rise
         FROM twins.tank_sample r JOIN ends e ON e.tank_id = r.tank_id
        WHERE r.tenant_id = $1 AND r.time >= e.open_at AND r.time <= e.close_at AND r.volume_liters IS NOT NULL
       WINDOW w AS (PARTITION BY r.tank_id ORDER BY r.time)),
     delivered AS (
       SELECT d.tank_id, count(*)::int AS deliveries, sum(d.rise + coalesce(x.ml, 0) / 1000.0) AS litres
         FROM steps d
         LEFT JOIN LATERAL (SELECT sum(s.volume_ml) AS ml FROM fueling.sale s
                              JOIN fueling.nozzle n ON n.tenant_id = s.tenant_id AND n.pump_id = s.pump_id AND n.number = s.nozzle
                             WHERE s.tenant_id = $1 AND n.tank_id = d.tank_id AND s.ended_at > d.prev_at AND s.ended_at <= d.at) x ON true
        WHERE d.rise > $7
        GROUP BY d.tank_id)
     SELECT e.tank_id::text AS "tankId", e.opening AS "openingLiters", e.open_at AS "openingReadAt", e.closing AS "closingLiters",
            e.close_at AS "closingReadAt", coalesce(d.deliveries, 0) AS deliveries, coalesce(d.litres, 0)::float8 AS "deliveredLiters"
       FROM ends e LEFT JOIN delivered d ON d.tank_id = e.tank_id`,
    [tenantId, tankIds, period.from, age(period.from), period.to, age(period.to), settings.deliveryRiseLiters],
  );
}
