import { randomBytes } from 'node:crypto';
import { PiiProtector } from '@hearth/platform/pii';
import { startDomainTestService, type DomainTestService } from '@hearth/testkit/domain-test-service';
import { startCustomersService, type RunningCustomersService } from './index';

/** The customers service on a fresh test database, and GraphQL calls to it as a signed caller. */
export type CustomersTestService = DomainTestService<RunningCustomersService>;

/** For the medium tests of this subgraph; the default caller is a supervisor with `customers:pii`. */
export const startCustomersTestService = (): Promise<CustomersTestService> =>
  startDomainTestService({
    name: 'customers',
    // Stations, stores and premises are the tanks subgraph's sites: its own migrations make their table.
    contracts: { tanks: new URL('../../tanks/src/migrations/', import.meta.url) },
    start: (options) => startCustomersService({ ...options, pii: new PiiProtector({ keys: { k1: randomBytes(32) }, current: 'k1' }) }),
    scopes: ['*:read', '*:write', 'customers:pii'],
  });
