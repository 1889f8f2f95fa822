import type { EntityManager } from 'typeorm';
import { notFound } from '@hearth/platform';
import { isUuid } from '@hearth/platform/db';
import { Customer } from './customer.entity';

/**
 * The tenant's customer, locked for the rest of the transaction: what a change to it or to what it
 * holds (permits, contracts, deposits) reads is what it replaces. NOT_FOUND for any other id.
 */
export async function lockCustomer(em: EntityManager, tenantId: string, id: string): Promise<Customer> {
  const customer = isUuid(id) ? await em.getRepository(Customer).findOne({ where: { tenantId, id }, lock: { mode: 'pessimistic_write' } }) : null;
  if (!customer) throw notFound('Customer', id);
  return customer;
}
