import { registerEnumType } from 'type-graphql';
import type { Queryable } from '../db/database';
import { isUuid } from '../db/typeorm-helpers';
import { assertTenantSites } from '../db/tenant-sites';
import { badInput, HearthError, notFound } from '../errors/hearth-error';
import type { LedgerAccount } from './ledger-account';
import { openAccount } from './open-account';
import { post } from './post';
import type { Posting, PostingRequest } from './posting';
import { systemAccount } from './system-account';

/**
 * How every domain takes money from a customer, in one place: customers' wallets and deposits are
 * kept in this currency, paid through these channels, and a blacklisted customer is refused
 * everywhere by the same rule. The customer master is the customers subgraph's table
 * `customers.customer` (its migrations define it); the functions here read and lock its row as a
 * contract, so a deposit taken with a cylinder and one taken at the customers' counter land in the
 * same account, opened once.
 */
export const WALLET_CURRENCY = 'CNY';

/** Largest single posting a caller may ask for: 10 million yuan in fen. A typo of five zeros is refused, not posted. */
export const MAX_POSTING_MINOR = 1_000_000_000;

/**
 * Posts under the caller's own key space: the ledger key is `<actor>|<key>`, so one partner's keys
 * never collide with (or reveal) another's. A reused key is reported as the caller sent it
 * (`callersKey`, when the service prefixed the request's key with its own words).
 */
export async function postAs(tx: Queryable, actor: string, request: PostingRequest, callersKey = request.idempotencyKey): Promise<Posting> {
  try {
    return await post(tx, { ...request, idempotencyKey: `${actor}|${request.idempotencyKey}` });
  } catch (err) {
    throw keyReusedAs(err, callersKey);
  }
}

/** The ledger names the stored key; the caller knows only its own: IDEMPOTENCY_KEY_REUSED with that. Any other error as it is. */
export function keyReusedAs(err: unknown, key: string): unknown {
  if (!(err instanceof HearthError) || err.extensions.code !== 'IDEMPOTENCY_KEY_REUSED') return err;
  return new HearthError('IDEMPOTENCY_KEY_REUSED', `Idempotency key ${key} was already used for another request; nothing was posted.`, { idempotencyKey: key });
}

/** Where money paid in or back goes through. */
export enum TopUpMethod {
  CASH = 'CASH',
  BANK_CARD = 'BANK_CARD',
  BANK_TRANSFER = 'BANK_TRANSFER',
  WECHAT_PAY = 'WECHAT_PAY',
  ALIPAY = 'ALIPAY',
  PARTNER = 'PARTNER',
}
registerEnumType(TopUpMethod, {
  name: 'TopUpMethod',
  description: 'Where top-up money comes from.',
  valuesConfig: {
    CASH: { description: 'Cash at a store or service centre.' },
    BANK_CARD: { description: 'A bank card at a terminal.' },
    BANK_TRANSFER: { description: 'A bank transfer.' },
    WECHAT_PAY: { description: 'WeChat Pay.' },
    ALIPAY: { description: 'Alipay.' },
    PARTNER: { description: 'A payment partner through the API.' },
  },
});

/**
 * A store's cash drawer: where cash taken at its counter is booked (the ledger's CASH account
 * `STORE:<site>`); cash taken without a store (the head office's cashier) goes to `HEAD_OFFICE`.
 */
export const storeDrawer = (tx: Queryable, tenantId: string, storeId: string | null): Promise<LedgerAccount> =>
  systemAccount(tx, tenantId, 'CASH', WALLET_CURRENCY, storeId ? `STORE:${storeId}` : 'HEAD_OFFICE');

/** Where money of `method` is booked on the company's side: a drawer for cash, else the channel's clearing account. */
export async function moneyChannel(tx: Queryable, tenantId: string, method: string, storeId: string | null | undefined): Promise<LedgerAccount> {
  if (method === 'CASH') {
    await assertTenantSites(tx, tenantId, [storeId]);
    return storeDrawer(tx, tenantId, storeId ?? null);
  }
  if (storeId) throw badInput([{ field: 'storeId', message: 'only cash is booked to a store’s drawer' }]);
  return systemAccount(tx, tenantId, 'CLEARING', WALLET_CURRENCY, method);
}

/**
 * Refuses service to a blacklisted customer (seed 000: 黑名单). Takes only what it reads, so every
 * service holding the customer's row refuses by the same rule.
 */
export function assertServable(customer: { id: string; cardNumber: string; blacklistedAt: Date | null; blacklistReason: string | null }): void {
  if (customer.blacklistedAt) {
    throw new HearthError('CUSTOMER_BLACKLISTED', `Customer ${customer.cardNumber} is blacklisted: ${customer.blacklistReason}`, {
      customerId: customer.id,
      reason: customer.blacklistReason,
    });
  }
}

/** What taking or paying back a deposit needs of a customer (the row, locked). */
export interface DepositHolder {
  id: string;
  cardNumber: string;
  name: string;
  blacklistedAt: Date | null;
  blacklistReason: string | null;
  /** The customer's wallet (`CUSTOMER_WALLET`). */
  accountId: string;
  /** The customer's one `DEPOSITS_HELD` account; null until the first deposit. */
  depositAccountId: string | null;
}

/**
 * The tenant's customer, its row locked for the rest of the transaction, read with SQL so a service
 * without the customers' entities (the cylinders' hand-overs) takes the same lock as `lockCustomer`:
 * two deposits of one customer, from either service, never open two accounts. NOT_FOUND for any
 * other id (another tenant's customer).
 */
export async function lockDepositHolder(tx: Queryable, tenantId: string, customerId: string): Promise<DepositHolder> {
  const [row] = isUuid(customerId)
    ? await tx.query<DepositHolder>(
        `SELECT id::text, card_number AS "cardNumber", name, blacklisted_at AS "blacklistedAt", blacklist_reason AS "blacklistReason",
                account_id::text AS "accountId", deposit_account_id::text AS "depositAccountId"
           FROM customers.customer WHERE tenant_id = $1 AND id = $2 FOR UPDATE`,
        [tenantId, customerId],
      )
    : [];
  if (!row) throw notFound('Customer', customerId);
  return row;
}

/**
 * The customer's one deposits account (`DEPOSITS_HELD`, no credit: a refund never exceeds what is
 * held), opened with the first deposit and named on the customer's row. Call it with the customer's
 * row locked (`lockCustomer`, `lockDepositHolder`), in the transaction that posts to it.
 */
export async function depositAccountOf(
  tx: Queryable,
  tenantId: string,
  customer: { id: string; name: string; cardNumber: string; depositAccountId: string | null },
): Promise<string> {
  if (customer.depositAccountId) return customer.depositAccountId;
  const account = await openAccount(tx, {
    tenantId,
    type: 'DEPOSITS_HELD',
    currency: WALLET_CURRENCY,
    name: `Deposits of ${customer.name} (${customer.cardNumber})`,
    ownerRef: `customer:${customer.id}`,
    creditLimitMinor: 0,
  });
  await tx.query('UPDATE customers.customer SET deposit_account_id = $3, updated_at = now() WHERE tenant_id = $1 AND id = $2', [
    tenantId,
    customer.id,
    account.id,
  ]);
  return account.id;
}
