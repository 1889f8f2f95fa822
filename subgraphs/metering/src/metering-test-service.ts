import { startDomainTestService, type DomainTestService } from '@hearth/testkit/domain-test-service';
import { startMeteringService, type RunningMeteringService } from './index';

/** The metering service on a fresh test database, and GraphQL calls to it as a signed caller. */
export type MeteringTestService = DomainTestService<RunningMeteringService>;

/** For the medium tests of this subgraph: meters stand at the tanks subgraph's sites, and pay from the customers subgraph's customers' wallets. */
export const startMeteringTestService = (): Promise<MeteringTestService> =>
  startDomainTestService({
    name: 'metering',
    contracts: {
      tanks: new URL('../../tanks/src/migrations/', import.meta.url),
      customers: new URL('../../customers/src/migrations/', import.meta.url),
    },
    start: startMeteringService,
  });
