import { startDomainTestService, type DomainTestService } from '@hearth/testkit/domain-test-service';
import { startCylindersService, type RunningCylindersService } from './index';

/** The cylinders service on a fresh test database, and GraphQL calls to it as a signed caller. */
export type CylindersTestService = DomainTestService<RunningCylindersService>;

/** For the medium tests of this subgraph: sites are the tanks subgraph's and customers the customers subgraph's. */
export const startCylindersTestService = (): Promise<CylindersTestService> =>
  startDomainTestService({
    name: 'cylinders',
    contracts: {
      tanks: new URL('../../tanks/src/migrations/', import.meta.url),
      customers: new URL('../../customers/src/migrations/', import.meta.url),
    },
    start: startCylindersService,
  });
