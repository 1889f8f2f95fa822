import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { Database } from '@hearth/platform/db';
import type { PiiProtector } from '@hearth/platform/pii';
import { AccountService } from './account/account.service';
import { ContractService } from './contract/contract.service';
import { CustomerService } from './customer/customer.service';
import { GasPermitService } from './permit/gas-permit.service';
import { ServiceCentre, type ServiceCentreOptions } from './service-centre/service-centre';

export interface Services {
  db: Database;
  customers: CustomerService;
  accounts: AccountService;
  permits: GasPermitService;
  contracts: ContractService;
  serviceCentre: ServiceCentre;
}

export const createServices = (db: Database, data: DataSource, pii: PiiProtector, logger: Logger, serviceCentre?: ServiceCentreOptions): Services => ({
  db,
  customers: new CustomerService(data, pii),
  accounts: new AccountService(data),
  permits: new GasPermitService(data),
  contracts: new ContractService(data),
  serviceCentre: new ServiceCentre(db, data, pii, logger.child({ module: 'service-centre' }), serviceCentre),
});
