import type { DomainArea, DomainDeps } from '@hearth/platform/service';
import { createCardArea, type CardArea } from './card/card-area';
import { createReportArea, type ReportArea } from './report/report-area';
import { createSaleArea, type SaleArea } from './sale/sale-area';
import { createStationArea, type StationArea } from './station/station-area';

/** The fueling service's areas, each a folder: stations (pumps, grades, prices), cards, sales, reports. */
export interface Services {
  stations: StationArea;
  cards: CardArea;
  sales: SaleArea;
  reports: ReportArea;
}

export const createServices = (deps: DomainDeps): Services => ({
  stations: createStationArea(deps),
  cards: createCardArea(deps),
  sales: createSaleArea(deps),
  reports: createReportArea(deps),
});

export const areasOf = (services: Services): DomainArea[] => [services.stations, services.cards, services.sales, services.reports];
