import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { booksBalance } from '@hearth/platform/ledger';
import { startCustomersTestService, type CustomersTestService } from '../customers-test-service';

let t: CustomersTestService;
/** A payment partner's API key, as the gateway signs it. */
let partner: Record<string, string>;
let otherPartner: Record<string, string>;
const gql = <T>(query: string, variables: Record<string, unknown> = {}, as = partner) => t.data<T>(query, variables, as);
const gqlRaw = <T>(query: string, variables: Record<string, unknown> = {}, as = partner) => t.raw<T>(query, variables, as);

const TOP_UP = `mutation($input: TopUpAccountInput!) { topUpAccount(input: $input) { id journalId kind amountMinor balanceAfterMinor idempotencyKey replayed } }`;
const CHARGE = `mutation($input: ChargeAccountInput!) { chargeAccount(input: $input) { id amountMinor balanceAfterMinor replayed } }`;
const ACCOUNT = `query($id: ID!) { account(id: $id) { balanceMinor entries(first: 2) { totalCount edges { node { kind amountMinor balanceAfterMinor } } pageInfo { hasNextPage endCursor } } } }`;

interface Entry {
  id: string;
  journalId: string;
  kind: string;
  amountMinor: number;
  balanceAfterMinor: number;
  idempotencyKey: string;
  replayed: boolean;
}

beforeAll(async () => {
  t = await startCustomersTestService();
  partner = await t.as({ principal: { kind: 'apiKey', id: 'pay-partner' }, scopes: ['customers:read', 'customers:write'] });
  otherPartner = await t.as({ principal: { kind: 'apiKey', id: 'other-partner' }, scopes: ['customers:read', 'customers:write'] });
});
afterAll(() => t?.close());

async function newWallet(): Promise<{ customerId: string; accountId: string }> {
  const { createCustomer } = await gql<{ createCustomer: { id: string; account: { id: string } } }>(
    `mutation { createCustomer(input: { type: RESIDENTIAL, name: "Wallet ${randomUUID().slice(0, 8)}" }) { id account { id } } }`,
  );
  return { customerId: createCustomer.id, accountId: createCustomer.account.id };
}
const topUp = (accountId: string, amountMinor: number, idempotencyKey: string = randomUUID(), as = partner) =>
  gqlRaw<{ topUpAccount: Entry }>(TOP_UP, { input: { accountId, amountMinor, idempotencyKey, method: 'WECHAT_PAY' } }, as);

describe('customer wallets', () => {
  it('tops up once per idempotency key: a repeat returns the same entry and posts nothing', async () => {
    const { accountId } = await newWallet();
    const first = (await topUp(accountId, 5000, 'order-1')).data!.topUpAccount;
    const again = (await topUp(accountId, 5000, 'order-1')).data!.topUpAccount;
    expect(first).toMatchObject({ kind: 'TOP_UP', amountMinor: 5000, balanceAfterMinor: 5000, idempotencyKey: 'order-1', replayed: false });
    expect(again).toEqual({ ...first, replayed: true });
    const { account } = await gql<{ account: { balanceMinor: number; entries: { totalCount: number } } }>(ACCOUNT, { id: accountId });
    expect(account).toMatchObject({ balanceMinor: 5000, entries: { totalCount: 1 } });
  });

  it('refuses the same key for another amount (IDEMPOTENCY_KEY_REUSED) and keeps partners’ keys apart', async () => {
    const { accountId } = await newWallet();
    await topUp(accountId, 1000, 'k-1');
    const reused = await topUp(accountId, 2000, 'k-1');
    expect(reused.errors?.[0]?.extensions).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', idempotencyKey: 'k-1' });
    expect(reused.errors?.[0]?.message).not.toContain('pay-partner');
    // Another partner's same key is its own request.
    const theirs = (await topUp(accountId, 2000, 'k-1', otherPartner)).data!.topUpAccount;
    expect(theirs).toMatchObject({ balanceAfterMinor: 3000, replayed: false });
  });

  it('charges down to zero and no further (INSUFFICIENT_FUNDS, nothing posted)', async () => {
    const { accountId } = await newWallet();
    await topUp(accountId, 3000);
    const ok = await gql<{ chargeAccount: Entry }>(CHARGE, { input: { accountId, amountMinor: 2000, idempotencyKey: 'c-1', reason: 'YSP15 refill' } });
    expect(ok.chargeAccount).toMatchObject({ amountMinor: -2000, balanceAfterMinor: 1000 });
    const refused = await gqlRaw(CHARGE, { input: { accountId, amountMinor: 1001, idempotencyKey: 'c-2', reason: 'too much' } });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'INSUFFICIENT_FUNDS', balanceMinor: 1000 });
    const { account } = await gql<{ account: { balanceMinor: number; entries: { totalCount: number } } }>(ACCOUNT, { id: accountId });
    expect(account).toMatchObject({ balanceMinor: 1000, entries: { totalCount: 2 } });
  });

  it('refuses to charge a blacklisted customer, and tops them up still (they may settle their debt)', async () => {
    const { customerId, accountId } = await newWallet();
    await topUp(accountId, 1000);
    await gql(`mutation($id: ID!) { blacklistCustomer(id: $id, reason: "Illegal decanting") { id } }`, { id: customerId });
    const refused = await gqlRaw(CHARGE, { input: { accountId, amountMinor: 100, idempotencyKey: randomUUID(), reason: 'refill' } });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'CUSTOMER_BLACKLISTED', customerId, reason: 'Illegal decanting' });
    expect((await topUp(accountId, 500)).data!.topUpAccount.balanceAfterMinor).toBe(1500);
  });

  it('lists entries newest first, a page at a time, and states a period', async () => {
    const { accountId } = await newWallet();
    const from = new Date(Date.now() - 1000);
    for (const amount of [100, 200, 300]) await topUp(accountId, amount);
    const page1 = (
      await gql<{ account: { entries: { edges: { node: { amountMinor: number } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } } }>(ACCOUNT, {
        id: accountId,
      })
    ).account.entries;
    expect(page1.edges.map((e) => e.node.amountMinor)).toEqual([300, 200]);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = await gql<{ account: { entries: { edges: { node: { amountMinor: number } }[] } } }>(
      `query($id: ID!, $after: String) { account(id: $id) { entries(first: 2, after: $after) { edges { node { amountMinor } } } } }`,
      { id: accountId, after: page1.pageInfo.endCursor },
    );
    expect(page2.account.entries.edges.map((e) => e.node.amountMinor)).toEqual([100]);
    const { account } = await gql<{ account: { statement: Record<string, number> } }>(
      `query($id: ID!, $from: DateTime!, $to: DateTime!) { account(id: $id) { statement(from: $from, to: $to) { openingMinor closingMinor creditsMinor debitsMinor entries } } }`,
      { id: accountId, from: from.toISOString(), to: new Date(Date.now() + 1000).toISOString() },
    );
    expect(account.statement).toEqual({ openingMinor: 0, closingMinor: 600, creditsMinor: 600, debitsMinor: 0, entries: 3 });
  });

  it('keeps the books balanced: every top-up has its clearing side', async () => {
    const { accountId } = await newWallet();
    await topUp(accountId, 777);
    const [{ tenant_id: tenantId }] = (await t.db.query<{ tenant_id: string }>('SELECT tenant_id FROM ledger.account WHERE id = $1', [accountId])) as [
      { tenant_id: string },
    ];
    expect(await booksBalance(t.db, tenantId)).toEqual({ sumOfEntriesMinor: 0, sumOfBalancesMinor: 0 });
  });

  it('does not let a caller touch another tenant’s wallet (NOT_FOUND)', async () => {
    const { accountId } = await newWallet();
    const stranger = await t.as({ tenantId: '0c0c0c0c-0000-4000-8000-00000000000c', scopes: ['customers:read', 'customers:write'] });
    expect((await topUp(accountId, 100, randomUUID(), stranger)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await gql<{ account: unknown }>(ACCOUNT, { id: accountId }, stranger)).account).toBeNull();
  });
});
