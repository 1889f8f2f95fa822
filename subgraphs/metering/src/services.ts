import type { DomainArea, DomainDeps } from '@hearth/platform/service';
import { createChargeArea, type ChargeArea } from './charge/charge-area';
import { createMeterArea, type MeterArea } from './meter/meter-area';
import { createStatementArea, type StatementArea } from './statement/statement-area';
import { createSupplyArea, type SupplyArea } from './supply/supply-area';
import { createTariffArea, type TariffArea } from './tariff/tariff-area';

/** The metering service's areas, each a folder: meters, tariffs, charges (readings to the ledger), supply (thresholds, relay), statements. */
export interface Services {
  meters: MeterArea;
  tariffs: TariffArea;
  charges: ChargeArea;
  supply: SupplyArea;
  statements: StatementArea;
}

export const createServices = (deps: DomainDeps): Services => ({
  meters: createMeterArea(deps),
  tariffs: createTariffArea(deps),
  charges: createChargeArea(deps),
  supply: createSupplyArea(deps),
  statements: createStatementArea(deps),
});

export const areasOf = (services: Services): DomainArea[] => [services.meters, services.tariffs, services.charges, services.supply, services.statements];
