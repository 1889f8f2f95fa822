import type { DomainArea, DomainDeps } from '@hearth/platform/service';

export type ReportArea = DomainArea;

export function createReportArea(deps: DomainDeps): ReportArea {
  void deps;
  return { resolvers: [] };
}
