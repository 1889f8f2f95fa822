import { IsNull, type DataSource } from 'typeorm';
import { badInput, HearthError, notFound } from '@hearth/platform';
import { auditChange, tenantOf, type DomainCaller } from '@hearth/platform/audit';
import { isUuid, queryableOf, saveUnique } from '@hearth/platform/db';
import { validateInput } from '@hearth/platform/graphql';
import { setCreditLimit } from '@hearth/platform/ledger';
import { lockCustomer } from '../customer/customer-lock';
import { CustomerType } from '../customer/customer.enums';
import { assertServable } from '@hearth/platform/ledger';
import { Contract, ContractPayment } from './contract.entity';
import { recordContractSchema, type RecordContractInput } from './contract.input';

/**
 * Supply contracts of commercial and industrial customers. One contract stands at a time; a credit
 * contract sets the wallet's credit limit in the same transaction, and ending it sets it back to 0
 * (a balance already below zero stays owed: further charges are refused).
 */
export class ContractService {
  constructor(private readonly data: DataSource) {}

  ofCustomer(tenantId: string, customerId: string): Promise<Contract[]> {
    return this.data.getRepository(Contract).find({ where: { tenantId, customerId }, order: { validFrom: 'DESC', createdAt: 'DESC' } });
  }

  record(by: DomainCaller, customerId: string, input: RecordContractInput): Promise<Contract> {
    const tenantId = tenantOf(by);
    const valid = validateInput(recordContractSchema, input);
    return this.data.transaction(async (em) => {
      const customer = await lockCustomer(em, tenantId, customerId);
      assertServable(customer);
      if (customer.type === CustomerType.RESIDENTIAL)
        throw badInput([{ field: 'customerId', message: 'contracts are for commercial and industrial customers' }]);
      const contracts = em.getRepository(Contract);
      const standing = await contracts.findOneBy({ tenantId, customerId, terminatedAt: IsNull() });
      if (standing) throw new HearthError('CONFLICT', `Contract ${standing.number} stands for this customer; terminate it first.`, { contractId: standing.id });
      const creditLimitMinor = valid.payment === ContractPayment.CREDIT ? valid.creditLimitMinor! : 0;
      const contract = contracts.create({ ...valid, tenantId, customerId, creditLimitMinor, terminatedAt: null });
      const saved = await saveUnique(contracts, contract, { field: 'number', message: `Contract number ${valid.number} is already in use.` });
      await setCreditLimit(queryableOf(em), tenantId, customer.accountId, creditLimitMinor);
      await auditChange(em, by, 'customers', 'contract.recorded', `customer:${customerId}`, {
        contract: saved.number,
        validFrom: saved.validFrom,
        validUntil: saved.validUntil,
        payment: saved.payment,
        creditLimitMinor,
        billing: saved.billing,
      });
      return saved;
    });
  }

  terminate(by: DomainCaller, contractId: string): Promise<Contract> {
    const tenantId = tenantOf(by);
    return this.data.transaction(async (em) => {
      const contracts = em.getRepository(Contract);
      const found = isUuid(contractId) ? await contracts.findOneBy({ tenantId, id: contractId }) : null;
      if (!found) throw notFound('Contract', contractId);
      // The customer first, as `record` locks it: the two never wait on each other the other way round.
      const customer = await lockCustomer(em, tenantId, found.customerId);
      const contract = (await contracts.findOne({ where: { tenantId, id: contractId }, lock: { mode: 'pessimistic_write' } }))!;
      if (contract.terminatedAt) return contract;
      contract.terminatedAt = new Date();
      const saved = await contracts.save(contract);
      await setCreditLimit(queryableOf(em), tenantId, customer.accountId, 0);
      await auditChange(em, by, 'customers', 'contract.terminated', `customer:${customer.id}`, { contract: contract.number });
      return saved;
    });
  }
}
