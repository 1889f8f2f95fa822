import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { HearthError, hasScope } from '@hearth/platform';
import { auditAfter, auditCursorKey, auditPage, countAudit } from '@hearth/platform/audit';
import { ConnectionType, decodeCursor, LocalDate, toConnection, type SubgraphContext } from '@hearth/platform/graphql';
import { Account } from '../account/account.types';
import { accountLoader, customerLoader, revealedLoader } from '../loaders';
import type { Services } from '../services';
import { type CustomerChange, CustomerChangeConnection } from './customer-change';
import { Customer } from './customer.entity';
import { Contract } from '../contract/contract.entity';
import { GasPermit } from '../permit/gas-permit.entity';
import { CreateCustomerInput, CustomerFilter, TransferOwnershipInput, UpdateCustomerInput } from './customer.input';
import { SiteReference } from '@hearth/platform/graphql';

export const CustomerConnection = ConnectionType(Customer, 'Customer');

/** Who may see ID and phone numbers whole (seed 004: personal data shown only to whom it is needed). */
export const PII_SCOPE = 'customers:pii';

const UNMASKED = {
  defaultValue: false,
  description: 'true: the number whole, for a caller with the `customers:pii` scope (FORBIDDEN otherwise); the read is recorded in the audit log.',
};

@Resolver(() => Customer)
export class CustomerResolver {
  constructor(private readonly services: Services) {}

  @Query(() => CustomerConnection, {
    description:
      'Your customers by name; `filter.search` finds them by name fragment, card or archive number, or phone digits. `totalCount` counts up to 10,000 matches (10,000 means that many or more).',
  })
  customers(
    @Ctx() ctx: SubgraphContext,
    @Arg('filter', () => CustomerFilter, { nullable: true, description: 'Search text and filters; omitted: every customer.' }) filter: CustomerFilter | null,
    @Arg('first', () => Int, { defaultValue: 50, description: 'Page size, 1–200.' }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'The `endCursor` of the previous page; omitted or null: the first page.' })
    after?: string | null,
  ) {
    return this.services.customers.list(ctx.tenantId, filter ?? {}, first, after);
  }

  @Query(() => Customer, { nullable: true, description: 'One customer by id; null if there is none.' })
  customer(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID, { description: 'Id of one of your company’s customers; any other id gives null.' }) id: string) {
    return customerLoader(ctx, this.services).load(id);
  }

  @Mutation(() => Customer, { description: 'Opens a customer with its wallet account.' })
  createCustomer(@Ctx() ctx: SubgraphContext, @Arg('input', () => CreateCustomerInput, { description: 'The new customer.' }) input: CreateCustomerInput) {
    return this.services.customers.create(ctx, input);
  }

  @Mutation(() => Customer, { description: 'Changes a customer record; the change is kept in its history.' })
  updateCustomer(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID, { description: 'The customer.' }) id: string,
    @Arg('input', () => UpdateCustomerInput, { description: 'The fields to change.' }) input: UpdateCustomerInput,
  ) {
    return this.services.customers.update(ctx, id, input);
  }

  @Mutation(() => Customer, { description: 'Moves the customer to another supply station (转站); the old one is kept as `lastSupplyStation`.' })
  transferCustomerStation(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID, { description: 'The customer.' }) id: string,
    @Arg('stationId', () => ID, { description: 'The new station, a `Site`.' }) stationId: string,
  ) {
    return this.services.customers.transferStation(ctx, id, stationId);
  }

  @Mutation(() => Customer, { description: 'Transfers the account to a new holder (过户); the history keeps both holders, masked.' })
  transferCustomerOwnership(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID, { description: 'The customer.' }) id: string,
    @Arg('input', () => TransferOwnershipInput, { description: 'The new holder.' }) input: TransferOwnershipInput,
  ) {
    return this.services.customers.transferOwnership(ctx, id, input);
  }

  @Mutation(() => Customer, { description: 'Refuses the customer service (CUSTOMER_BLACKLISTED) until taken off the blacklist.' })
  blacklistCustomer(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID, { description: 'The customer.' }) id: string,
    @Arg('reason', () => String, { description: '1–300 characters.' }) reason: string,
  ) {
    return this.services.customers.blacklist(ctx, id, reason);
  }

  @Mutation(() => Customer, { description: 'Takes the customer off the blacklist.' })
  unblacklistCustomer(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID, { description: 'The customer.' }) id: string) {
    return this.services.customers.unblacklist(ctx, id);
  }

  @FieldResolver(() => String, { nullable: true, description: 'ID number, masked (`110***********1234`) unless asked for whole.' })
  async idNumber(@Root() customer: Customer, @Ctx() ctx: SubgraphContext, @Arg('unmasked', () => Boolean, UNMASKED) unmasked: boolean) {
    if (!unmasked) return customer.idNumberMasked;
    return (await this.revealed(customer, ctx)).idNumber;
  }

  @FieldResolver(() => [String], { description: 'Phone numbers, masked (`138****0003`) unless asked for whole.' })
  async phones(@Root() customer: Customer, @Ctx() ctx: SubgraphContext, @Arg('unmasked', () => Boolean, UNMASKED) unmasked: boolean) {
    if (!unmasked) return customer.phonesMasked;
    return (await this.revealed(customer, ctx)).phones;
  }

  @FieldResolver(() => SiteReference, { nullable: true, description: 'The supply station serving the customer (所属供应站).' })
  supplyStation(@Root() customer: Customer) {
    return customer.supplyStationId && { id: customer.supplyStationId };
  }

  @FieldResolver(() => SiteReference, { nullable: true, description: 'The station that served the customer before the last transfer.' })
  lastSupplyStation(@Root() customer: Customer) {
    return customer.lastSupplyStationId && { id: customer.lastSupplyStationId };
  }

  @FieldResolver(() => SiteReference, { nullable: true, description: 'The customer’s own premises, where its gas detectors stand.' })
  premises(@Root() customer: Customer) {
    return customer.premisesSiteId && { id: customer.premisesSiteId };
  }

  @FieldResolver(() => [GasPermit], { description: 'Gas-use permits, newest first.' })
  gasPermits(@Root() customer: Customer, @Ctx() ctx: SubgraphContext) {
    return this.services.permits.ofCustomer(ctx.tenantId, customer.id);
  }

  @FieldResolver(() => [Contract], { description: 'Supply contracts, newest first (commercial and industrial customers).' })
  contracts(@Root() customer: Customer, @Ctx() ctx: SubgraphContext) {
    return this.services.contracts.ofCustomer(ctx.tenantId, customer.id);
  }

  @FieldResolver(() => Account, { nullable: true, description: 'Deposits held for the customer (cylinder deposits); null before the first.' })
  depositAccount(@Root() customer: Customer, @Ctx() ctx: SubgraphContext) {
    return customer.depositAccountId && accountLoader(ctx, this.services).load(customer.depositAccountId);
  }

  @FieldResolver(() => LocalDate, { description: 'When the account was opened (开户日期).' })
  openedOn(@Root() customer: Customer) {
    return customer.openedOn;
  }

  @FieldResolver(() => LocalDate, { nullable: true, description: 'Last cylinder exchange (最后换气日期); set by the cylinders domain.' })
  lastExchangeOn(@Root() customer: Customer) {
    return customer.lastExchangeOn;
  }

  @FieldResolver(() => LocalDate, { nullable: true, description: 'When the customer was terminated (销户日期).' })
  terminatedOn(@Root() customer: Customer) {
    return customer.terminatedOn;
  }

  @FieldResolver(() => LocalDate, { nullable: true, description: 'Until when the insurance policy is valid.' })
  insuranceValidUntil(@Root() customer: Customer) {
    return customer.insuranceValidUntil;
  }

  @FieldResolver(() => Account, { description: 'The customer’s wallet: one balance for every energy it buys.' })
  account(@Root() customer: Customer, @Ctx() ctx: SubgraphContext) {
    return accountLoader(ctx, this.services).load(customer.accountId);
  }

  @FieldResolver(() => CustomerChangeConnection, { description: 'Changes of this record, newest first.' })
  async history(
    @Root() customer: Customer,
    @Ctx() ctx: SubgraphContext,
    @Arg('first', () => Int, { defaultValue: 50, description: 'Page size, 1–200.' }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'The `endCursor` of the previous page; omitted or null: the first page.' })
    after?: string | null,
  ) {
    const filter = { tenantId: ctx.tenantId, domains: ['customers'], targets: [`customer:${customer.id}`] };
    const db = this.services.db;
    return toConnection(
      await auditPage(db, filter, first + 1, after ? auditAfter(decodeCursor(after, 2)) : undefined),
      first,
      await countAudit(db, filter),
      Boolean(after),
      auditCursorKey,
      (e): CustomerChange => ({ at: e.at, actor: e.actor, action: e.action, details: JSON.stringify(e.details) }),
    );
  }

  private async revealed(customer: Customer, ctx: SubgraphContext) {
    if (!hasScope(ctx.scopes, PII_SCOPE)) {
      throw new HearthError('FORBIDDEN', `Reading ID and phone numbers whole needs the ${PII_SCOPE} scope.`, { requiredScope: PII_SCOPE });
    }
    const found = await revealedLoader(ctx, this.services).load(customer.id);
    return found ?? { idNumber: null, phones: [] };
  }
}
