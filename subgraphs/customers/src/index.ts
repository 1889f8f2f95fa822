import type { PiiProtector } from '@hearth/platform/pii';
import { migrateLedger } from '@hearth/platform/ledger';
import { startDomainSubgraph, type DomainServiceOptions, type RunningDomainService } from '@hearth/platform/service';
import { Contract } from './contract/contract.entity';
import { Customer } from './customer/customer.entity';
import { GasPermit } from './permit/gas-permit.entity';
import type { ServiceCentreOptions } from './service-centre/service-centre';
import { ServiceOrderEvent } from './service-centre/service-order-event.entity';
import { ServiceOrder } from './service-centre/service-order.entity';
import { buildCustomersSchema } from './schema';
import { createServices, type Services } from './services';

export const customersMigrations = new URL('./migrations/', import.meta.url);
export type { Services as CustomerServices };
export { CustomerType, PaymentMethod } from './customer/customer.enums';
export { TopUpMethod } from './account/account.input';
export { ServiceOrderType } from './service-centre/service-order.enums';
export { ContractBilling, ContractPayment } from './contract/contract.entity';
export { SEARCH_COUNT_CAP } from './customer/customer.service';

export interface CustomersServiceOptions extends DomainServiceOptions {
  /** Encrypts ID and phone numbers at rest (`loadPiiKeys`). */
  pii: PiiProtector;
  /** The service centre's clock and timers (gas-alarm intake, escalations); defaults for production. */
  serviceCentre?: ServiceCentreOptions;
}

export type RunningCustomersService = RunningDomainService<Services>;

/**
 * Serves the customers subgraph: customers and their wallets, on the platform ledger (migrated with
 * it), and the service centre, whose timers stop before the service closes.
 */
export async function startCustomersService(options: CustomersServiceOptions): Promise<RunningCustomersService> {
  const running = await startDomainSubgraph(
    {
      name: 'customers',
      migrations: customersMigrations,
      uses: [migrateLedger],
      entities: [Customer, GasPermit, Contract, ServiceOrder, ServiceOrderEvent],
      services: (data) => createServices(options.db, data, options.pii, options.logger, options.serviceCentre),
      schema: buildCustomersSchema,
    },
    options,
  );
  const { serviceCentre } = running.services;
  await serviceCentre.start();
  return {
    ...running,
    close: async () => {
      await serviceCentre.stop();
      await running.close();
    },
  };
}
