import type { DataSource } from 'typeorm';
import { actorOf, HearthError, notFound, type CallerContext } from '@hearth/platform';
import { queryableOf, type Queryable } from '@hearth/platform/db';
import { validateInput, type Connection } from '@hearth/platform/graphql';
import {
  accountEntries,
  accountStatement,
  assertServable,
  depositAccountOf,
  getAccounts,
  keyReusedAs,
  moneyChannel,
  postAs,
  reverse,
  systemAccount,
  type LedgerAccount,
  type LedgerEntry,
  type Posting,
} from '@hearth/platform/ledger';
import { Customer } from '../customer/customer.entity';
import { lockCustomer } from '../customer/customer-lock';
import { AccountKind, type Account, type AccountEntry, type AccountStatement, type StoreCashClose } from './account.types';
import { closeStoreCash, storeCashCloses } from './store-cash';
import {
  chargeSchema,
  closeStoreCashSchema,
  depositSchema,
  reverseSchema,
  topUpSchema,
  type ChargeAccountInput,
  type CloseStoreCashInput,
  type DepositInput,
  type ReversePostingInput,
  type TopUpAccountInput,
} from './account.input';

/**
 * Customers' wallets on the platform ledger. A caller's idempotency keys are its own: the ledger
 * key is `<actor>|<key>`, so one partner's keys never collide with (or reveal) another's.
 */
export class AccountService {
  constructor(private readonly data: DataSource) {}

  async byIds(tenantId: string, ids: readonly string[]): Promise<Map<string, Account>> {
    const accounts = await getAccounts(queryableOf(this.data.manager), tenantId, ids);
    return new Map([...accounts].filter(([, a]) => a.type === 'CUSTOMER_WALLET' || a.type === 'DEPOSITS_HELD').map(([id, a]) => [id, toAccount(a)]));
  }

  /** Money in: wallet up, the method's clearing account down (it owes the money until the channel settles). */
  topUp(by: CallerContext, input: TopUpAccountInput): Promise<AccountEntry> {
    const valid = validateInput(topUpSchema, input);
    return this.data.transaction(async (em) => {
      const tx = queryableOf(em);
      const wallet = await this.wallet(tx, by.tenantId, valid.accountId);
      const clearing = await moneyChannel(tx, by.tenantId, valid.method, valid.storeId);
      const posting = await postAs(tx, actorOf(by), {
        tenantId: by.tenantId,
        idempotencyKey: valid.idempotencyKey,
        kind: 'TOP_UP',
        description: `Top-up by ${valid.method}`,
        actor: actorOf(by),
        lines: [
          { accountId: wallet.id, amountMinor: valid.amountMinor },
          { accountId: clearing.id, amountMinor: -valid.amountMinor },
        ],
      });
      return entryOf(posting, wallet.id, `Top-up by ${valid.method}`);
    });
  }

  /** Money out for a sale or fee: wallet down (to its credit limit at most), revenue up; refused for a blacklisted customer. */
  charge(by: CallerContext, input: ChargeAccountInput): Promise<AccountEntry> {
    const valid = validateInput(chargeSchema, input);
    return this.data.transaction(async (em) => {
      const tx = queryableOf(em);
      const wallet = await this.wallet(tx, by.tenantId, valid.accountId);
      const customer = await em.getRepository(Customer).findOneBy({ tenantId: by.tenantId, accountId: wallet.id });
      if (customer) assertServable(customer);
      const revenue = await systemAccount(tx, by.tenantId, 'REVENUE', wallet.currency, 'SALES');
      const posting = await postAs(tx, actorOf(by), {
        tenantId: by.tenantId,
        idempotencyKey: valid.idempotencyKey,
        kind: 'CHARGE',
        description: valid.reason,
        actor: actorOf(by),
        lines: [
          { accountId: wallet.id, amountMinor: -valid.amountMinor },
          { accountId: revenue.id, amountMinor: valid.amountMinor },
        ],
      });
      return entryOf(posting, wallet.id, valid.reason);
    });
  }

  /**
   * A deposit paid in: held for the customer in its one deposits account (`depositAccountOf`, shared
   * with the cylinders' hand-overs), owed by the channel's clearing account until it settles. Refused for a blacklisted customer.
   */
  collectDeposit(by: CallerContext, input: DepositInput): Promise<AccountEntry> {
    const valid = validateInput(depositSchema, input);
    return this.data.transaction(async (em) => {
      const tx = queryableOf(em);
      const customer = await lockCustomer(em, by.tenantId, valid.customerId);
      assertServable(customer);
      const depositAccountId = await depositAccountOf(tx, by.tenantId, customer);
      const clearing = await moneyChannel(tx, by.tenantId, valid.method, valid.storeId);
      const description = valid.note ? `Deposit: ${valid.note}` : `Deposit by ${valid.method}`;
      const posting = await postAs(tx, actorOf(by), {
        tenantId: by.tenantId,
        idempotencyKey: valid.idempotencyKey,
        kind: 'DEPOSIT',
        description,
        actor: actorOf(by),
        lines: [
          { accountId: depositAccountId, amountMinor: valid.amountMinor },
          { accountId: clearing.id, amountMinor: -valid.amountMinor },
        ],
      });
      return entryOf(posting, depositAccountId, description);
    });
  }

  /** A deposit paid back (the cylinder came back): never more than is held (INSUFFICIENT_FUNDS). */
  refundDeposit(by: CallerContext, input: DepositInput): Promise<AccountEntry> {
    const valid = validateInput(depositSchema, input);
    return this.data.transaction(async (em) => {
      const tx = queryableOf(em);
      const customer = await lockCustomer(em, by.tenantId, valid.customerId);
      if (!customer.depositAccountId) throw notFound('DepositAccount', valid.customerId);
      const clearing = await moneyChannel(tx, by.tenantId, valid.method, valid.storeId);
      const description = valid.note ? `Deposit returned: ${valid.note}` : `Deposit returned by ${valid.method}`;
      const posting = await postAs(tx, actorOf(by), {
        tenantId: by.tenantId,
        idempotencyKey: valid.idempotencyKey,
        kind: 'DEPOSIT_RETURN',
        description,
        actor: actorOf(by),
        lines: [
          { accountId: customer.depositAccountId, amountMinor: -valid.amountMinor },
          { accountId: clearing.id, amountMinor: valid.amountMinor },
        ],
      });
      return entryOf(posting, customer.depositAccountId, description);
    });
  }

  /**
   * Undoes a posting on a customer's wallet or deposits (a refund, a mistaken top-up): a REVERSAL with
   * every line negated; once per posting (CONFLICT), and never below the account's limit. Returns the
   * reversal's entry on the customer's account.
   */
  reverse(by: CallerContext, input: ReversePostingInput): Promise<AccountEntry> {
    const valid = validateInput(reverseSchema, input);
    return this.data.transaction(async (em) => {
      const tx = queryableOf(em);
      const [line] = await tx.query<{ accountId: string }>(
        `SELECT e.account_id AS "accountId" FROM ledger.entry e JOIN ledger.account a ON a.id = e.account_id
          WHERE e.journal_id = $1 AND e.tenant_id = $2 AND a.type IN ('CUSTOMER_WALLET', 'DEPOSITS_HELD') LIMIT 1`,
        [valid.journalId, by.tenantId],
      );
      if (!line) throw notFound('Posting', valid.journalId);
      let posting: Posting;
      try {
        posting = await reverse(tx, {
          tenantId: by.tenantId,
          journalId: valid.journalId,
          idempotencyKey: `${actorOf(by)}|${valid.idempotencyKey}`,
          actor: actorOf(by),
          reason: valid.reason,
        });
      } catch (err) {
        throw keyReusedAs(err, valid.idempotencyKey);
      }
      return entryOf(posting, line.accountId, valid.reason);
    });
  }

  /** Counts a store's drawer against the ledger since its previous close (see `closeStoreCash`). */
  closeStoreCash(by: CallerContext, input: CloseStoreCashInput): Promise<StoreCashClose> {
    const valid = validateInput(closeStoreCashSchema, input);
    return this.data.transaction(async (em) => {
      const row = await closeStoreCash(queryableOf(em), by, valid.storeId, valid.countedMinor, valid.note ?? null);
      return { ...row, differenceMinor: row.countedMinor - row.expectedMinor };
    });
  }

  async storeCashCloses(tenantId: string, storeId: string, first: number, after?: string | null): Promise<Connection<StoreCashClose>> {
    const page = await storeCashCloses(queryableOf(this.data.manager), tenantId, storeId, first, after);
    return { ...page, edges: page.edges.map((e) => ({ ...e, node: { ...e.node, differenceMinor: e.node.countedMinor - e.node.expectedMinor } })) };
  }

  async entries(tenantId: string, accountId: string, first: number, after?: string | null): Promise<Connection<AccountEntry>> {
    const page = await accountEntries(queryableOf(this.data.manager), tenantId, accountId, { first, after });
    return { ...page, edges: page.edges.map((e) => ({ ...e, node: fromLedgerEntry(e.node) })) };
  }

  statement(tenantId: string, accountId: string, from: Date, to: Date): Promise<AccountStatement> {
    return accountStatement(queryableOf(this.data.manager), tenantId, accountId, { from, to });
  }

  /** A customer wallet of the tenant; NOT_FOUND for anything else (another tenant's, a system account). */
  private async wallet(tx: Queryable, tenantId: string, id: string): Promise<LedgerAccount> {
    // The ledger keys accounts by their id as PostgreSQL prints a uuid: lower case.
    const account = (await getAccounts(tx, tenantId, [id])).get(id.toLowerCase());
    if (!account || account.type !== 'CUSTOMER_WALLET') throw notFound('Account', id);
    return account;
  }
}

/** The caller's own key, as it sent it. */
const callersKey = (stored: string) => stored.slice(stored.indexOf('|') + 1);

const toAccount = (a: LedgerAccount): Account => ({
  id: a.id,
  kind: a.type === 'DEPOSITS_HELD' ? AccountKind.DEPOSITS : AccountKind.WALLET,
  currency: a.currency,
  balanceMinor: a.balanceMinor,
  creditLimitMinor: a.creditLimitMinor ?? 0,
});

function entryOf(posting: Posting, accountId: string, description: string): AccountEntry {
  const line = posting.lines.find((l) => l.accountId === accountId);
  if (!line) throw new HearthError('INTERNAL_SERVER_ERROR', 'The posting has no line on the account.');
  return {
    id: line.entryId,
    journalId: posting.journalId,
    kind: posting.kind,
    description,
    amountMinor: line.amountMinor,
    balanceAfterMinor: line.balanceAfterMinor,
    idempotencyKey: callersKey(posting.idempotencyKey),
    createdAt: posting.createdAt,
    replayed: posting.replayed,
  };
}

const fromLedgerEntry = (e: LedgerEntry): AccountEntry => ({ ...e, idempotencyKey: callersKey(e.idempotencyKey), replayed: false });
