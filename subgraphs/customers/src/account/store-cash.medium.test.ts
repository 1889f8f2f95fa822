import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCustomersTestService, type CustomersTestService } from '../customers-test-service';

let t: CustomersTestService;
let STORE: string;
let OTHER_STORE: string;
beforeAll(async () => {
  t = await startCustomersTestService();
  [STORE, OTHER_STORE] = [await t.site(), await t.site()];
});
afterAll(() => t?.close());
const CLOSE = `mutation($i: CloseStoreCashInput!) { closeStoreCash(input: $i) { expectedMinor countedMinor differenceMinor fromAt closedAt } }`;

async function wallet(): Promise<{ id: string; accountId: string }> {
  const { createCustomer } = await t.data<{ createCustomer: { id: string; account: { id: string } } }>(
    `mutation { createCustomer(input: { type: RESIDENTIAL, name: "Cash ${randomUUID().slice(0, 6)}" }) { id account { id } } }`,
  );
  return { id: createCustomer.id, accountId: createCustomer.account.id };
}
const topUp = (accountId: string, amountMinor: number, method: string, storeId?: string) =>
  t.raw(`mutation($i: TopUpAccountInput!) { topUpAccount(input: $i) { balanceAfterMinor } }`, {
    i: { accountId, amountMinor, idempotencyKey: randomUUID(), method, storeId },
  });
const close = async (storeId: string, countedMinor: number) =>
  (
    await t.data<{ closeStoreCash: { expectedMinor: number; countedMinor: number; differenceMinor: number; fromAt: string | null; closedAt: string } }>(CLOSE, {
      i: { storeId, countedMinor, note: 'evening count' },
    })
  ).closeStoreCash;

describe('a store’s cash drawer', () => {
  it('expects the cash taken at that store since its last close, and records the shortage', async () => {
    const a = await wallet();
    const b = await wallet();
    await topUp(a.accountId, 5000, 'CASH', STORE);
    await topUp(b.accountId, 2500, 'CASH', STORE);
    // Not this drawer's: another store's cash, the head office's cash, and a WeChat Pay top-up.
    await topUp(a.accountId, 9999, 'CASH', OTHER_STORE);
    await topUp(a.accountId, 1111, 'CASH');
    await topUp(b.accountId, 700, 'WECHAT_PAY');
    await t.data(`mutation($i: DepositInput!) { collectDeposit(input: $i) { id } }`, {
      i: { customerId: a.id, amountMinor: 15000, idempotencyKey: randomUUID(), method: 'CASH', storeId: STORE, note: '1 × YSP15' },
    });
    const first = await close(STORE, 22000);
    expect(first).toMatchObject({ expectedMinor: 22500, countedMinor: 22000, differenceMinor: -500, fromAt: null });

    // The next close starts where this one ended.
    await topUp(a.accountId, 300, 'CASH', STORE);
    const second = await close(STORE, 300);
    expect(second).toMatchObject({ expectedMinor: 300, differenceMinor: 0, fromAt: first.closedAt });

    const { storeCashCloses } = await t.data<{ storeCashCloses: { totalCount: number; edges: { node: { expectedMinor: number } }[] } }>(
      `query($s: ID!) { storeCashCloses(storeId: $s, first: 1) { totalCount edges { node { expectedMinor } } } }`,
      { s: STORE },
    );
    expect(storeCashCloses).toEqual({ totalCount: 2, edges: [{ node: { expectedMinor: 300 } }] });
  });

  it('books only cash to a drawer: a store named with another method is refused', async () => {
    const a = await wallet();
    expect((await topUp(a.accountId, 100, 'WECHAT_PAY', STORE)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('opens no drawer at another company’s store, nor at a site that does not exist (NOT_FOUND)', async () => {
    const a = await wallet();
    const theirs = await t.site('0b0b0b0b-0000-4000-8000-00000000000b');
    expect((await topUp(a.accountId, 100, 'CASH', theirs)).errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', entity: 'Site' });
    expect((await t.raw(CLOSE, { i: { storeId: randomUUID(), countedMinor: 0 } })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
