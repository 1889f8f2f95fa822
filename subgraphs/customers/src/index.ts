import type { PiiProtector } from '@hearth/platform/pii';
import { migrateLedger } from '@hearth/platform/ledger';
import { startDomainSubgraph, type DomainServiceOptions, type RunningDomainService } from '@hearth/platform/service';
import { Contract } from './contract/contract.entity';
import { Customer } from './customer/customer.entity';
import { GasPermit } from './permit/gas-permit.entity';
import { buildCustomersSchema } from './schema';
import { createServices, type Services } from './services';

export const customersMigrations = new URL('./migrations/', import.meta.url);
export type { Services as CustomerServices };
export { CustomerType, PaymentMethod } from './customer/customer.enums';
export { TopUpMethod } from './account/account.input';

export interface CustomersServiceOptions extends DomainServiceOptions {
  /** Encrypts ID and phone numbers at rest (`loadPiiKeys`). */
  pii: PiiProtector;
}

export type RunningCustomersService = RunningDomainService<Services>;

/** Serves the customers subgraph: customers and their wallets, on the platform ledger (migrated with it). */
export const startCustomersService = (options: CustomersServiceOptions): Promise<RunningCustomersService> =>
  startDomainSubgraph(
    {
      name: 'customers',
      migrations: customersMigrations,
      uses: [migrateLedger],
      entities: [Customer, GasPermit, Contract],
      services: (data) => createServices(options.db, data, options.pii),
      schema: buildCustomersSchema,
    },
    options,
  );
