import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphqlHttp } from '@hearth/testkit/graphql-http';
import { startTestStack, type TestStack } from '@hearth/testkit/test-stack';

/**
 * A payment partner tops up customers' wallets through the real gateway with its API key: the
 * key's scopes admit it, a repeated request posts nothing, a reused key is refused, and personal
 * numbers stay masked for a key without `customers:pii`.
 */
let stack: TestStack;
let partner: { authorization: string };
let readOnly: { authorization: string };
const call = <T>(auth: { authorization: string }, query: string, variables: Record<string, unknown> = {}) =>
  graphqlHttp<T>(stack.urls.graphql, query, variables, auth);
const TOP_UP = `mutation($i: TopUpAccountInput!) { topUpAccount(input: $i) { id balanceAfterMinor replayed idempotencyKey } }`;

beforeAll(async () => {
  stack = await startTestStack();
  partner = { authorization: `Bearer ${stack.demo.partnerApiKey}` };
  readOnly = { authorization: `Bearer ${stack.demo.apiKey}` };
});
afterAll(() => stack?.destroy());

describe('a payment partner’s top-ups through the gateway', () => {
  it('posts once per idempotency key and refuses the key for another amount', async () => {
    const accountId = stack.demo.customers[3]!.accountId;
    const before = (await call<{ account: { balanceMinor: number } }>(partner, `query($a: ID!) { account(id: $a) { balanceMinor } }`, { a: accountId })).data!
      .account.balanceMinor;
    const input = { accountId, amountMinor: 5000, idempotencyKey: `order-${randomUUID()}`, method: 'PARTNER' };
    const first = (await call<{ topUpAccount: { id: string; balanceAfterMinor: number; replayed: boolean } }>(partner, TOP_UP, { i: input })).data!
      .topUpAccount;
    const again = (await call<{ topUpAccount: { id: string; balanceAfterMinor: number; replayed: boolean } }>(partner, TOP_UP, { i: input })).data!
      .topUpAccount;
    expect(first).toMatchObject({ balanceAfterMinor: before + 5000, replayed: false, idempotencyKey: input.idempotencyKey });
    expect(again).toEqual({ ...first, replayed: true });
    const reused = await call(partner, TOP_UP, { i: { ...input, amountMinor: 6000 } });
    expect(reused.errors?.[0]?.extensions?.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const after = (await call<{ account: { balanceMinor: number } }>(partner, `query($a: ID!) { account(id: $a) { balanceMinor } }`, { a: accountId })).data!
      .account.balanceMinor;
    expect(after).toBe(before + 5000);
  });

  it('refuses a read-only key the top-up, and a partner key the whole phone number', async () => {
    const accountId = stack.demo.customers[4]!.accountId;
    const refused = await call(readOnly, TOP_UP, { i: { accountId, amountMinor: 100, idempotencyKey: randomUUID(), method: 'PARTNER' } });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const id = stack.demo.customers[4]!.id;
    const masked = await call<{ customer: { phones: string[] } }>(partner, `query($id: ID!) { customer(id: $id) { phones } }`, { id });
    expect(masked.data!.customer.phones[0]).toMatch(/^\d{3}\*{4}\d{4}$/);
    const whole = await call(partner, `query($id: ID!) { customer(id: $id) { phones(unmasked: true) } }`, { id });
    expect(whole.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
