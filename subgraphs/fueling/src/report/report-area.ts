import type { DomainArea, DomainDeps } from '@hearth/platform/service';
import { FuelReportResolver } from './report.resolver';
import { ReportService } from './report.service';

/** Reports: sales by day, month and year (by station, grade, card, pump, shift), a day's anomalies, wet-stock reconciliation. */
export interface ReportArea extends DomainArea {
  reports: ReportService;
}

export function createReportArea(deps: DomainDeps): ReportArea {
  const reports = new ReportService(deps.db);
  return { reports, resolvers: [new FuelReportResolver(reports)] };
}
