import { isUuid, type Database } from '@hearth/platform/db';
import { isFuelStationOf } from '../station/station.service';
import { anomalyFigures } from './anomaly-report.store';
import type { FuelAnomalyReport } from './anomaly-report.types';
import { FuelReportPeriod, type FuelReportDimension } from './report.enums';
import { reportPeriod } from './report-period';
import { salesReportFigures } from './sales-report.store';
import type { FuelSalesReport } from './sales-report.types';
import { DEFAULT_WET_STOCK, tankVariance, type WetStockSettings } from './wet-stock';
import { tankReadings, tankSales } from './wet-stock.store';
import type { FuelWetStockReport } from './wet-stock.types';

/** Reports over settled sales and tank gauges: sales by period, the day's anomalies, wet stock. */
export class ReportService {
  constructor(
    private readonly db: Database,
    private readonly wetStock: WetStockSettings = DEFAULT_WET_STOCK,
  ) {}

  async sales(
    tenantId: string,
    period: FuelReportPeriod,
    day: string,
    stationId: string | null,
    groupBy: readonly FuelReportDimension[],
  ): Promise<FuelSalesReport | null> {
    const p = reportPeriod(period, day);
    const dims = [...new Set(groupBy)];
    // Another company's station has no report (null), never an empty one naming it.
    if (stationId && !(await isFuelStationOf(this.db, tenantId, stationId))) return null;
    const { totals, rows } = await salesReportFigures(this.db, { tenantId, period: p, stationId: stationId ?? null, groupBy: dims });
    return { ...p, stationId: stationId ?? null, groupBy: dims, totals, rows };
  }

  async anomalies(tenantId: string, day: string, stationId: string | null, first: number): Promise<FuelAnomalyReport | null> {
    const p = reportPeriod(FuelReportPeriod.DAY, day);
    if (stationId && !(await isFuelStationOf(this.db, tenantId, stationId))) return null;
    const f = await anomalyFigures(this.db, { tenantId, period: p, stationId: stationId ?? null, first });
    return {
      day,
      from: p.from,
      to: p.to,
      stationId: stationId ?? null,
      flaggedSalesCount: f.flagged,
      counts: f.counts,
      sales: f.sales,
      truncated: f.truncated,
    };
  }

  /** Null when the station is not one of the caller's fuel stations. */
  async wetStockReconciliation(tenantId: string, stationId: string, day: string): Promise<FuelWetStockReport | null> {
    if (!(await isFuelStationOf(this.db, tenantId, stationId))) return null;
    const day$ = reportPeriod(FuelReportPeriod.DAY, day);
    // Today is reconciled so far: closed at now (its last reading then), not at a midnight yet to come.
    const p = { ...day$, to: new Date(Math.min(day$.to.getTime(), Date.now())) };
    const sales = await tankSales(this.db, tenantId, stationId, p);
    const tanks = sales.filter((s): s is typeof s & { tankId: string } => s.tankId !== null);
    const readings = new Map(
      (
        await tankReadings(
          this.db,
          tenantId,
          tanks.map((t) => t.tankId),
          p,
          this.wetStock,
        )
      ).map((r) => [r.tankId, r]),
    );
    const unassigned = sales.find((s) => s.tankId === null);
    return {
      stationId,
      day,
      from: p.from,
      to: p.to,
      tanks: tanks.map((t) => {
        const r = readings.get(t.tankId) ?? null;
        return {
          ...t,
          openingLiters: r?.openingLiters ?? null,
          openingReadAt: r?.openingReadAt ?? null,
          closingLiters: r?.closingLiters ?? null,
          closingReadAt: r?.closingReadAt ?? null,
          deliveries: r?.deliveries ?? null,
          deliveredLiters: r?.deliveredLiters ?? null,
          ...tankVariance(t.soldLiters, r, this.wetStock),
        };
      }),
      unassignedSalesCount: unassigned?.salesCount ?? 0,
      unassignedSoldLiters: unassigned?.soldLiters ?? 0,
    };
  }
}
