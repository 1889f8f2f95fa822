import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TENANT_ID } from '@hearth/platform';
import { auditPage } from '@hearth/platform/audit';
import { startCustomersTestService, type CustomersTestService } from '../customers-test-service';

let t: CustomersTestService;
/** A viewer: reads, masked. */
let viewer: Record<string, string>;
const gql = <T>(query: string, variables: Record<string, unknown> = {}, as?: Record<string, string>) => t.data<T>(query, variables, as);
const gqlRaw = <T>(query: string, variables: Record<string, unknown> = {}, as?: Record<string, string>) => t.raw<T>(query, variables, as);

/** A valid resident ID number (GB 11643-1999 check character). */
const ID_NUMBER = '11010519491231002X';
const CREATE = `mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { id cardNumber name type status idNumber phones account { id balanceMinor creditLimitMinor currency } } }`;

beforeAll(async () => {
  t = await startCustomersTestService();
  viewer = await t.as({ scopes: ['*:read'], principal: { kind: 'user', id: 'viewer' } });
});
afterAll(() => t?.close());

interface Created {
  id: string;
  cardNumber: string;
  name: string;
  idNumber: string | null;
  phones: string[];
  account: { id: string; balanceMinor: number; creditLimitMinor: number; currency: string };
}

async function newCustomer(name: string, extra: Record<string, unknown> = {}): Promise<Created> {
  const { createCustomer } = await gql<{ createCustomer: Created }>(CREATE, { input: { type: 'RESIDENTIAL', name, ...extra } });
  return createCustomer;
}

describe('customers subgraph', () => {
  it('opens a customer with a card number and an empty CNY wallet, personal numbers masked', async () => {
    const c = await newCustomer('黄小明', { idNumber: ID_NUMBER, phones: ['138 0000 0003'], supplyAddress: '12 Ring Road East' });
    expect(c).toMatchObject({ name: '黄小明', idNumber: '110***********002X', phones: ['138****0003'] });
    expect(c.cardNumber).toMatch(/^\d{10}$/);
    expect(c.account).toMatchObject({ balanceMinor: 0, creditLimitMinor: 0, currency: 'CNY' });
  });

  it('stores ID and phone numbers encrypted: the clear text is nowhere in the row', async () => {
    const c = await newCustomer('Row check', { idNumber: ID_NUMBER, phones: ['13912345678'] });
    const [row] = await t.db.query<Record<string, unknown>>('SELECT * FROM customers.customer WHERE id = $1', [c.id]);
    const stored = JSON.stringify(row);
    expect(stored).not.toContain('13912345678');
    expect(stored).not.toContain(ID_NUMBER);
  });

  it('shows numbers whole only to customers:pii, and records every such read', async () => {
    const c = await newCustomer('Pii reader', { idNumber: ID_NUMBER, phones: ['13700001111'] });
    const q = `query($id: ID!) { customer(id: $id) { idNumber(unmasked: true) phones(unmasked: true) } }`;
    const refused = await gqlRaw(q, { id: c.id }, viewer);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const { customer } = await gql<{ customer: { idNumber: string; phones: string[] } }>(q, { id: c.id });
    expect(customer).toEqual({ idNumber: ID_NUMBER, phones: ['13700001111'] });
    const reads = await auditPage(t.db, { tenantId: DEMO_TENANT_ID, actions: ['customer.pii-read'], targets: [`customer:${c.id}`] }, 10);
    expect(reads).toHaveLength(1);
    expect(reads[0]!.actor).toBe('user:test-user');
  });

  it('finds customers by name fragment, card number and phone digits', async () => {
    const a = await newCustomer('黄大伟', { phones: ['13800008888'] });
    const b = await newCustomer('李四', { phones: ['0571-88886666'] });
    expect(b.phones).toEqual(['0571-****6666']);
    const search = async (s: string) =>
      (
        await gql<{ customers: { edges: { node: { id: string } }[] } }>(
          `query($s: String) { customers(filter: { search: $s }, first: 50) { edges { node { id } } } }`,
          { s },
        )
      ).customers.edges.map((e) => e.node.id);
    expect(await search('大伟')).toEqual([a.id]);
    // From the name's index: a long fragment by its first and last runs, then the text; any case.
    const c = await newCustomer('Harbour Road Restaurant');
    expect(await search('harbour road rest')).toEqual([c.id]);
    expect(await search('RES')).toEqual([c.id]);
    expect(await search('harbour rest')).toEqual([]);
    expect(await search(b.cardNumber)).toEqual([b.id]);
    expect(await search('8888')).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(await search('88886666')).toEqual([b.id]);
    expect(await search('0000 8888')).toEqual([a.id]);
    expect(await search('9999')).toEqual([]);
    // Its 4-grams 0000 and 8888 are both in a's phone, but not together.
    expect(await search('88880000')).toEqual([]);
  });

  it('keeps the history of a record, personal numbers masked', async () => {
    const c = await newCustomer('History', { phones: ['13800000001'] });
    await gql(`mutation($id: ID!) { updateCustomer(id: $id, input: { name: "History 2", phones: ["13800000002"] }) { id } }`, { id: c.id });
    const { customer } = await gql<{ customer: { history: { edges: { node: { action: string; details: string } }[] } } }>(
      `query($id: ID!) { customer(id: $id) { history { edges { node { action details } } } } }`,
      { id: c.id },
    );
    const [updated, created] = customer.history.edges.map((e) => e.node);
    expect(created!.action).toBe('customer.created');
    expect(updated!.action).toBe('customer.updated');
    expect(JSON.parse(updated!.details)).toEqual({ before: { name: 'History', phones: '138****0001' }, after: { name: 'History 2', phones: '138****0002' } });
  });

  it('refuses a bad ID number, phone or type with BAD_USER_INPUT naming the field', async () => {
    const bad = await gqlRaw(CREATE, { input: { type: 'RESIDENTIAL', name: 'Bad', idNumber: '110105194912310021', phones: ['12'] } });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((bad.errors?.[0]?.extensions?.fields as { field: string }[]).map((f) => f.field)).toEqual(expect.arrayContaining(['idNumber', 'phones.0']));
  });

  it('hides another tenant’s customers', async () => {
    const c = await newCustomer('Mine');
    const other = await t.as({ tenantId: '0b0b0b0b-0000-4000-8000-00000000000b', scopes: ['*:read', '*:write'] });
    expect((await gql<{ customer: unknown }>(`query($id: ID!) { customer(id: $id) { id } }`, { id: c.id }, other)).customer).toBeNull();
    const refused = await gqlRaw(`mutation($id: ID!) { blacklistCustomer(id: $id, reason: "x") { id } }`, { id: c.id }, other);
    expect(refused.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
