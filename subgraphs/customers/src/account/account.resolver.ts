import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { HearthError } from '@hearth/platform';
import type { SubgraphContext } from '@hearth/platform/graphql';
import { accountLoader } from '../loaders';
import type { Services } from '../services';
import { ChargeAccountInput, CloseStoreCashInput, DepositInput, ReversePostingInput, TopUpAccountInput } from './account.input';
import { Account, AccountEntry, AccountEntryConnection, AccountStatement, StoreCashClose, StoreCashCloseConnection } from './account.types';

/** Longest statement period: a year and a day (a leap year's calendar year fits). */
const MAX_STATEMENT_MS = 367 * 86_400_000;

@Resolver(() => Account)
export class AccountResolver {
  constructor(private readonly services: Services) {}

  @Query(() => Account, { nullable: true, description: 'One customer wallet by id; null if there is none.' }) account(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID, { description: 'A customer’s wallet or deposits account id; any other id gives null.' }) id: string,
  ) {
    return accountLoader(ctx, this.services).load(id);
  }

  @Mutation(() => AccountEntry, {
    description:
      'Pays money into a wallet. Repeating it with the same idempotency key posts nothing and returns the first entry (`replayed: true`); the same key with other fields is refused (IDEMPOTENCY_KEY_REUSED).',
  })
  topUpAccount(
    @Ctx() ctx: SubgraphContext,
    @Arg('input', () => TopUpAccountInput, { description: 'Wallet, amount, key and method.' }) input: TopUpAccountInput,
  ) {
    return this.services.accounts.topUp(ctx, input);
  }

  @Mutation(() => AccountEntry, {
    description:
      'Takes money from a wallet, down to its credit limit (INSUFFICIENT_FUNDS beyond); refused for a blacklisted customer (CUSTOMER_BLACKLISTED). Idempotent like `topUpAccount`.',
  })
  chargeAccount(
    @Ctx() ctx: SubgraphContext,
    @Arg('input', () => ChargeAccountInput, { description: 'Wallet, amount, key and reason.' }) input: ChargeAccountInput,
  ) {
    return this.services.accounts.charge(ctx, input);
  }

  @Mutation(() => AccountEntry, {
    description: 'Takes a deposit (cylinder deposit, 租瓶押金) into the deposits held for the customer. Idempotent like `topUpAccount`.',
  })
  collectDeposit(@Ctx() ctx: SubgraphContext, @Arg('input', () => DepositInput, { description: 'Customer, amount, key and method.' }) input: DepositInput) {
    return this.services.accounts.collectDeposit(ctx, input);
  }

  @Mutation(() => AccountEntry, { description: 'Pays a deposit back, never more than is held (INSUFFICIENT_FUNDS). Idempotent like `topUpAccount`.' })
  refundDeposit(
    @Ctx() ctx: SubgraphContext,
    @Arg('input', () => DepositInput, { description: 'Customer, amount, key and how it is paid back.' }) input: DepositInput,
  ) {
    return this.services.accounts.refundDeposit(ctx, input);
  }

  @Mutation(() => AccountEntry, {
    description:
      'Undoes a posting on a customer’s account (a refund, a mistaken top-up) with a reversal; once per posting (CONFLICT), never below the account’s limit.',
  })
  reversePosting(
    @Ctx() ctx: SubgraphContext,
    @Arg('input', () => ReversePostingInput, { description: 'The posting, a key and why.' }) input: ReversePostingInput,
  ) {
    return this.services.accounts.reverse(ctx, input);
  }

  @Mutation(() => StoreCashClose, {
    description: 'Closes a store’s cash drawer (交班/日结): the cash the ledger expected since the previous close beside what was counted, kept for good.',
  })
  closeStoreCash(
    @Ctx() ctx: SubgraphContext,
    @Arg('input', () => CloseStoreCashInput, { description: 'The store and the count.' }) input: CloseStoreCashInput,
  ) {
    return this.services.accounts.closeStoreCash(ctx, input);
  }

  @Query(() => StoreCashCloseConnection, { description: 'A store’s cash closes, newest first.' })
  storeCashCloses(
    @Ctx() ctx: SubgraphContext,
    @Arg('storeId', () => ID, { description: 'The store (a `Site`).' }) storeId: string,
    @Arg('first', () => Int, { defaultValue: 50, description: 'Page size, 1–200.' }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'The `endCursor` of the previous page; omitted or null: the first page.' })
    after?: string | null,
  ) {
    return this.services.accounts.storeCashCloses(ctx.tenantId, storeId, first, after);
  }

  @FieldResolver(() => AccountEntryConnection, { description: 'Entries, newest first.' })
  entries(
    @Root() account: Account,
    @Ctx() ctx: SubgraphContext,
    @Arg('first', () => Int, { defaultValue: 50, description: 'Page size, 1–200.' }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'The `endCursor` of the previous page; omitted or null: the first page.' })
    after?: string | null,
  ) {
    return this.services.accounts.entries(ctx.tenantId, account.id, first, after);
  }

  @FieldResolver(() => AccountStatement, { description: 'Opening and closing balance, credits and debits over [from, to), at most a year.' }) statement(
    @Root() account: Account,
    @Ctx() ctx: SubgraphContext,
    @Arg('from', () => Date, { description: 'Start of the period (included).' }) from: Date,
    @Arg('to', () => Date, { description: 'End of the period (excluded).' }) to: Date,
  ) {
    if (!(from < to) || to.getTime() - from.getTime() > MAX_STATEMENT_MS) {
      throw new HearthError('BAD_USER_INPUT', '`from` must be before `to`, at most 367 days apart.', { fields: { to: 'after from, within 367 days' } });
    }
    return this.services.accounts.statement(ctx.tenantId, account.id, from, to);
  }
}
