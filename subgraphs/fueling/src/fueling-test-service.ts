import { startDomainTestService, type DomainTestService } from '@hearth/testkit/domain-test-service';
import { startFuelingService, type RunningFuelingService } from './index';

/** The fueling service on a fresh test database, and GraphQL calls to it as a signed caller. */
export type FuelingTestService = DomainTestService<RunningFuelingService>;

/** For the medium tests of this subgraph: stations are the tanks subgraph's sites, card holders the customers subgraph's customers, pumps' requests and sales the twins'. */
export const startFuelingTestService = (): Promise<FuelingTestService> =>
  startDomainTestService({
    name: 'fueling',
    contracts: {
      tanks: new URL('../../tanks/src/migrations/', import.meta.url),
      customers: new URL('../../customers/src/migrations/', import.meta.url),
      // What pumps report: the twins' pump kind's tables, read as a contract (the test writes rows as the kind would).
      'twins.pump': new URL('../../../twins/src/kinds/pump/migrations/', import.meta.url),
    },
    start: startFuelingService,
  });
