import { migrateLedger } from '@hearth/platform/ledger';
import { startDomainSubgraph, type DomainServiceOptions, type RunningDomainService } from '@hearth/platform/service';
import { buildMeteringSchema } from './schema';
import { areasOf, createServices, type Services } from './services';

export const meteringMigrations = new URL('./migrations/', import.meta.url);
export type { Services as MeteringServices };
export { MeterKind, RelayState, MeterAlarmLevel } from './meter/meter.enums';
export { lockMeter, meterRow, metersByIds, type MeterRow } from './meter/meter.store';
export { tariffVersionsFor } from './tariff/tariff-versions';

export type MeteringServiceOptions = DomainServiceOptions;
export type RunningMeteringService = RunningDomainService<Services>;

/**
 * Serves the metering subgraph: prepaid electricity and gas meters (registered, imported, bound to
 * a customer's ledger wallet and a tariff, supply protection), versioned tariffs, and the charges,
 * supply decisions and statements made from the meters' readings (migrated with the ledger).
 */
export function startMeteringService(options: MeteringServiceOptions): Promise<RunningMeteringService> {
  return startDomainSubgraph(
    {
      name: 'metering',
      migrations: meteringMigrations,
      uses: [migrateLedger],
      // Every area writes with SQL of its own.
      entities: [],
      services: (data) => createServices({ db: options.db, data, logger: options.logger }),
      schema: buildMeteringSchema,
      areas: areasOf,
    },
    options,
  );
}
