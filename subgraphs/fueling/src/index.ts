import { migrateLedger } from '@hearth/platform/ledger';
import { startDomainSubgraph, type DomainServiceOptions, type RunningDomainService } from '@hearth/platform/service';
import { buildFuelingSchema } from './schema';
import { areasOf, createServices, type Services } from './services';

export const fuelingMigrations = new URL('./migrations/', import.meta.url);
export type { Services as FuelingServices };
export { CardLimitPeriod, FuelCardFunding, FuelCardKind } from './card/card.enums';

export type FuelingServiceOptions = DomainServiceOptions;
export type RunningFuelingService = RunningDomainService<Services>;

/**
 * Serves the fueling subgraph: IC-card fuel stations (stations, pumps, grades and prices; cards,
 * their limits and lists; authorisations and sales settled on the platform ledger, migrated with it).
 */
export function startFuelingService(options: FuelingServiceOptions): Promise<RunningFuelingService> {
  return startDomainSubgraph(
    {
      name: 'fueling',
      migrations: fuelingMigrations,
      uses: [migrateLedger],
      // Every area writes with SQL of its own.
      entities: [],
      services: (data) => createServices({ db: options.db, data, logger: options.logger }),
      schema: buildFuelingSchema,
      areas: areasOf,
    },
    options,
  );
}
