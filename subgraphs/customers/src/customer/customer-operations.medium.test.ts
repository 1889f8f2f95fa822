import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCustomersTestService, type CustomersTestService } from '../customers-test-service';

let t: CustomersTestService;
const gql = <T>(query: string, variables: Record<string, unknown> = {}) => t.data<T>(query, variables);
const code = async (query: string, variables: Record<string, unknown> = {}) => (await t.raw(query, variables)).errors?.[0]?.extensions?.code;

let STATION_A: string;
let STATION_B: string;
beforeAll(async () => {
  t = await startCustomersTestService();
  [STATION_A, STATION_B] = [await t.site(), await t.site()];
});
afterAll(() => t?.close());

async function newCustomer(type = 'RESIDENTIAL', name = `C ${randomUUID().slice(0, 6)}`) {
  const { createCustomer } = await gql<{ createCustomer: { id: string; cardNumber: string; account: { id: string } } }>(
    `mutation($type: CustomerType!, $name: String!, $station: ID) { createCustomer(input: { type: $type, name: $name, phones: ["13800001234"], supplyStationId: $station }) { id cardNumber account { id } } }`,
    { type, name, station: STATION_A },
  );
  return createCustomer;
}
const history = async (id: string) =>
  (
    await gql<{ customer: { history: { edges: { node: { action: string; details: string } }[] } } }>(
      `query($id: ID!) { customer(id: $id) { history { edges { node { action details } } } } }`,
      { id },
    )
  ).customer.history.edges.map((e) => ({ action: e.node.action, details: JSON.parse(e.node.details) as Record<string, unknown> }));
const blacklist = (id: string) => gql(`mutation($id: ID!) { blacklistCustomer(id: $id, reason: "Unpaid bills") { id } }`, { id });
const money = (kind: 'topUpAccount' | 'chargeAccount', accountId: string, amountMinor: number, key: string = randomUUID()) =>
  t.raw<Record<string, { balanceAfterMinor: number; journalId: string }>>(
    kind === 'topUpAccount'
      ? `mutation($i: TopUpAccountInput!) { topUpAccount(input: $i) { balanceAfterMinor journalId } }`
      : `mutation($i: ChargeAccountInput!) { chargeAccount(input: $i) { balanceAfterMinor journalId } }`,
    { i: { accountId, amountMinor, idempotencyKey: key, ...(kind === 'topUpAccount' ? { method: 'CASH' } : { reason: 'refill' }) } },
  );

describe('customer operations', () => {
  it('transfers a customer to another station (转站), keeping the last one, in the history', async () => {
    const c = await newCustomer();
    const { transferCustomerStation } = await gql<{ transferCustomerStation: { supplyStation: { id: string }; lastSupplyStation: { id: string } } }>(
      `mutation($id: ID!, $s: ID!) { transferCustomerStation(id: $id, stationId: $s) { supplyStation { id } lastSupplyStation { id } } }`,
      { id: c.id, s: STATION_B },
    );
    expect(transferCustomerStation).toEqual({ supplyStation: { id: STATION_B }, lastSupplyStation: { id: STATION_A } });
    // Only to one of the company's own stations.
    const elsewhere = await t.site('0b0b0b0b-0000-4000-8000-00000000000b');
    expect(await code(`mutation($id: ID!, $s: ID!) { transferCustomerStation(id: $id, stationId: $s) { id } }`, { id: c.id, s: elsewhere })).toBe('NOT_FOUND');
    expect((await history(c.id))[0]).toEqual({
      action: 'customer.station-transferred',
      details: { before: { supplyStationId: STATION_A, lastSupplyStationId: null }, after: { supplyStationId: STATION_B, lastSupplyStationId: STATION_A } },
    });
  });

  it('transfers ownership (过户): holder changes, card and wallet stay, the history keeps both holders masked', async () => {
    const c = await newCustomer('RESIDENTIAL', '王五');
    await money('topUpAccount', c.account.id, 900);
    const { transferCustomerOwnership } = await gql<{ transferCustomerOwnership: Record<string, unknown> }>(
      `mutation($id: ID!) { transferCustomerOwnership(id: $id, input: { name: "赵六", idNumber: "11010519491231002X", phones: ["13911112222"], note: "Sale of the flat" }) { name cardNumber phones account { id balanceMinor } } }`,
      { id: c.id },
    );
    expect(transferCustomerOwnership).toEqual({
      name: '赵六',
      cardNumber: c.cardNumber,
      phones: ['139****2222'],
      account: { id: c.account.id, balanceMinor: 900 },
    });
    const [transfer] = await history(c.id);
    expect(transfer).toEqual({
      action: 'customer.ownership-transferred',
      details: {
        before: { name: '王五', idNumber: null, phones: '138****1234' },
        after: { name: '赵六', idNumber: '110***********002X', phones: '139****2222' },
        note: 'Sale of the flat',
      },
    });
  });

  it('refuses service to a blacklisted customer: transfer, permit, contract, deposit, charge', async () => {
    const c = await newCustomer('COMMERCIAL');
    await blacklist(c.id);
    expect(await code(`mutation($id: ID!, $s: ID!) { transferCustomerStation(id: $id, stationId: $s) { id } }`, { id: c.id, s: STATION_B })).toBe(
      'CUSTOMER_BLACKLISTED',
    );
    expect(await code(`mutation($id: ID!) { issueGasPermit(customerId: $id, input: { validUntil: "2099-01-01" }) { id } }`, { id: c.id })).toBe(
      'CUSTOMER_BLACKLISTED',
    );
    expect(
      await code(
        `mutation($id: ID!) { recordContract(customerId: $id, input: { number: "K-BL", validFrom: "2026-01-01", validUntil: "2027-01-01", payment: PREPAID, billing: BY_CYLINDER }) { id } }`,
        { id: c.id },
      ),
    ).toBe('CUSTOMER_BLACKLISTED');
    expect(
      await code(`mutation($i: DepositInput!) { collectDeposit(input: $i) { id } }`, {
        i: { customerId: c.id, amountMinor: 100, idempotencyKey: randomUUID(), method: 'CASH' },
      }),
    ).toBe('CUSTOMER_BLACKLISTED');
  });

  it('issues a gas-use permit numbered after the card, and revokes it with a reason', async () => {
    const c = await newCustomer();
    const { issueGasPermit } = await gql<{ issueGasPermit: { id: string; number: string; issuedOn: string; validUntil: string } }>(
      `mutation($id: ID!) { issueGasPermit(customerId: $id, input: { issuedOn: "2026-03-01", validUntil: "2029-03-01" }) { id number issuedOn validUntil } }`,
      { id: c.id },
    );
    expect(issueGasPermit).toMatchObject({ number: `P-${c.cardNumber}-2026`, issuedOn: '2026-03-01', validUntil: '2029-03-01' });
    expect(
      await code(`mutation($id: ID!) { issueGasPermit(customerId: $id, input: { issuedOn: "2026-03-01", validUntil: "2026-02-01" }) { id } }`, { id: c.id }),
    ).toBe('BAD_USER_INPUT');
    await gql(`mutation($id: ID!) { revokeGasPermit(id: $id, reason: "Unsafe hose found at inspection") { id } }`, { id: issueGasPermit.id });
    const { customer } = await gql<{ customer: { gasPermits: { revokeReason: string }[] } }>(
      `query($id: ID!) { customer(id: $id) { gasPermits { revokeReason } } }`,
      {
        id: c.id,
      },
    );
    expect(customer.gasPermits).toEqual([{ revokeReason: 'Unsafe hose found at inspection' }]);
  });

  it('a credit contract lets the wallet go below zero to its limit; one stands at a time; ending it stops further credit', async () => {
    const residential = await newCustomer('RESIDENTIAL');
    const contract = (number: string, id: string) =>
      t.raw<{ recordContract: { id: string; creditLimitMinor: number } }>(
        `mutation($id: ID!, $n: String!) { recordContract(customerId: $id, input: { number: $n, validFrom: "2026-01-01", validUntil: "2027-01-01", payment: CREDIT, creditLimitMinor: 50000, billing: BY_FLOW }) { id creditLimitMinor } }`,
        { id, n: number },
      );
    expect((await contract('K-R1', residential.id)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const c = await newCustomer('INDUSTRIAL');
    const res = await contract(`K-${c.cardNumber}`, c.id);
    const recorded = res.data!.recordContract;
    expect(recorded.creditLimitMinor).toBe(50000);
    expect((await contract(`K2-${c.cardNumber}`, c.id)).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect((await money('chargeAccount', c.account.id, 50000)).data!.chargeAccount!.balanceAfterMinor).toBe(-50000);
    expect((await money('chargeAccount', c.account.id, 1)).errors?.[0]?.extensions?.code).toBe('INSUFFICIENT_FUNDS');
    await gql(`mutation($id: ID!) { terminateContract(id: $id) { terminatedAt } }`, { id: recorded.id });
    const { account } = await gql<{ account: { balanceMinor: number; creditLimitMinor: number } }>(
      `query($id: ID!) { account(id: $id) { balanceMinor creditLimitMinor } }`,
      {
        id: c.account.id,
      },
    );
    expect(account).toEqual({ balanceMinor: -50000, creditLimitMinor: 0 });
  });

  it('holds deposits apart from the wallet and pays back no more than is held', async () => {
    const c = await newCustomer();
    const deposit = (mutation: 'collectDeposit' | 'refundDeposit', amountMinor: number, key: string = randomUUID()) =>
      t.raw<Record<string, { balanceAfterMinor: number; replayed: boolean }>>(
        `mutation($i: DepositInput!) { ${mutation}(input: $i) { balanceAfterMinor replayed } }`,
        { i: { customerId: c.id, amountMinor, idempotencyKey: key, method: 'CASH', note: '1 × YSP15' } },
      );
    expect((await deposit('collectDeposit', 15000, 'dep-1')).data!.collectDeposit).toEqual({ balanceAfterMinor: 15000, replayed: false });
    expect((await deposit('collectDeposit', 15000, 'dep-1')).data!.collectDeposit).toEqual({ balanceAfterMinor: 15000, replayed: true });
    expect((await deposit('refundDeposit', 15001)).errors?.[0]?.extensions?.code).toBe('INSUFFICIENT_FUNDS');
    expect((await deposit('refundDeposit', 15000)).data!.refundDeposit!.balanceAfterMinor).toBe(0);
    const { customer } = await gql<{ customer: { account: { balanceMinor: number }; depositAccount: { kind: string; balanceMinor: number } } }>(
      `query($id: ID!) { customer(id: $id) { account { balanceMinor } depositAccount { kind balanceMinor } } }`,
      { id: c.id },
    );
    expect(customer).toEqual({ account: { balanceMinor: 0 }, depositAccount: { kind: 'DEPOSITS', balanceMinor: 0 } });
  });

  it('reverses a mistaken charge once: the money is back, a second reversal is a conflict', async () => {
    const c = await newCustomer();
    await money('topUpAccount', c.account.id, 2000);
    const charged = (await money('chargeAccount', c.account.id, 1500)).data!.chargeAccount!;
    const reverse = (key: string) =>
      t.raw<{ reversePosting: { kind: string; amountMinor: number; balanceAfterMinor: number } }>(
        `mutation($i: ReversePostingInput!) { reversePosting(input: $i) { kind amountMinor balanceAfterMinor } }`,
        { i: { journalId: charged.journalId, idempotencyKey: key, reason: 'Charged twice at the counter' } },
      );
    expect((await reverse('r-1')).data!.reversePosting).toEqual({ kind: 'REVERSAL', amountMinor: 1500, balanceAfterMinor: 2000 });
    expect((await reverse('r-2')).errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });
});
