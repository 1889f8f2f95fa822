import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { badInput, notFound } from '@hearth/platform';
import { auditChange, tenantOf, type DomainCaller } from '@hearth/platform/audit';
import { isUuid, saveUnique } from '@hearth/platform/db';
import { validateInput } from '@hearth/platform/graphql';
import { lockCustomer } from '../customer/customer-lock';
import { today } from '../scalars';
import { assertServable } from '@hearth/platform/ledger';
import { GasPermit } from './gas-permit.entity';
import { issueGasPermitSchema, type IssueGasPermitInput } from './gas-permit.input';

const reasonSchema = z.string().trim().min(1).max(300);

/** Gas-use permits: issued to customers in service, revoked with a reason; both kept in the customer's history. */
export class GasPermitService {
  constructor(private readonly data: DataSource) {}

  ofCustomer(tenantId: string, customerId: string): Promise<GasPermit[]> {
    return this.data.getRepository(GasPermit).find({ where: { tenantId, customerId }, order: { issuedOn: 'DESC', createdAt: 'DESC' } });
  }

  /** Refused for a blacklisted customer (CUSTOMER_BLACKLISTED): a permit is service. */
  issue(by: DomainCaller, customerId: string, input: IssueGasPermitInput): Promise<GasPermit> {
    const tenantId = tenantOf(by);
    const valid = validateInput(issueGasPermitSchema, input);
    return this.data.transaction(async (em) => {
      const customer = await lockCustomer(em, tenantId, customerId);
      assertServable(customer);
      const issuedOn = valid.issuedOn ?? today();
      if (valid.validUntil <= issuedOn) throw badInput([{ field: 'validUntil', message: `must be after the issue date ${issuedOn}` }]);
      const permits = em.getRepository(GasPermit);
      const permit = permits.create({
        tenantId,
        customerId,
        number: valid.number ?? `P-${customer.cardNumber}-${issuedOn.slice(0, 4)}`,
        issuedOn,
        validUntil: valid.validUntil,
        revokedAt: null,
        revokeReason: null,
      });
      const saved = await saveUnique(permits, permit, { field: 'number', message: `Permit number ${permit.number} is already in use.` });
      await auditChange(em, by, 'customers', 'gas-permit.issued', `customer:${customerId}`, { permit: saved.number, issuedOn, validUntil: saved.validUntil });
      return saved;
    });
  }

  revoke(by: DomainCaller, permitId: string, reason: string): Promise<GasPermit> {
    const tenantId = tenantOf(by);
    const why = validateInput(reasonSchema, reason);
    return this.data.transaction(async (em) => {
      const permits = em.getRepository(GasPermit);
      const permit = isUuid(permitId) ? await permits.findOne({ where: { tenantId, id: permitId }, lock: { mode: 'pessimistic_write' } }) : null;
      if (!permit) throw notFound('GasPermit', permitId);
      if (permit.revokedAt) return permit;
      permit.revokedAt = new Date();
      permit.revokeReason = why;
      const saved = await permits.save(permit);
      await auditChange(em, by, 'customers', 'gas-permit.revoked', `customer:${permit.customerId}`, { permit: permit.number, reason: why });
      return saved;
    });
  }
}
