import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { eventually } from '@hearth/testkit/eventually';
import { startServiceCentreTestService, type ServiceCentreTestService } from '../service-centre-test-service';

/**
 * `serviceQueueChanged` over graphql-ws, straight to the subgraph with a signed context (as the
 * gateway subscribes), fed by the database's NOTIFY after each commit: on every instance.
 */
let t: ServiceCentreTestService;
const clients: Client[] = [];
let storeA: string;
let storeB: string;
let customer: string;

beforeAll(async () => {
  t = await startServiceCentreTestService();
  [storeA, storeB] = [await t.site(), await t.site()];
  const { createCustomer } = await t.data<{ createCustomer: { id: string } }>(
    `mutation($s: ID) { createCustomer(input: { type: RESIDENTIAL, name: "林芳", phones: ["13800007777"], supplyStationId: $s }) { id } }`,
    { s: storeA },
  );
  customer = createCustomer.id;
});
afterAll(async () => {
  for (const c of clients) await c.dispose();
  await t?.close();
});

interface Event {
  serviceQueueChanged: {
    id: string;
    status: string;
    slaState: string;
    deadline: string | null;
    store: { id: string } | null;
    customer: { name: string } | null;
  };
}

/** Subscribes to `wsUrl` as the tenant's caller; returns what arrives. */
async function subscribe(wsUrl: string, storeIds: string[] | null, tenantId?: string): Promise<Event[]> {
  const client = createClient({ url: wsUrl, webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: await t.as(tenantId ? { tenantId } : {}) });
  clients.push(client);
  const events: Event[] = [];
  client.subscribe(
    {
      query: `subscription($s: [ID!]) { serviceQueueChanged(storeIds: $s) { id status slaState deadline store { id } customer { name } } }`,
      variables: { s: storeIds },
    },
    {
      next: (r) => void events.push((r.data ?? { errors: r.errors }) as unknown as Event),
      error: (e) => void events.push({ errors: e } as never),
      complete: () => {},
    },
  );
  await new Promise((resolve) => setTimeout(resolve, 200));
  return events;
}

const create = async (type: string) =>
  (
    await t.data<{ createServiceOrder: { id: string } }>(`mutation($c: ID) { createServiceOrder(input: { type: ${type}, customerId: $c }) { id } }`, {
      c: customer,
    })
  ).createServiceOrder.id;
const of = (events: Event[], id: string) => events.filter((e) => e.serviceQueueChanged?.id === id).map((e) => e.serviceQueueChanged);

describe('serviceQueueChanged', () => {
  it('sends a store’s subscribers each committed change of its orders, with SLA state and deadline, and an order that moves away', async () => {
    const [a, b, everyone] = [await subscribe(t.service.wsUrl, [storeA]), await subscribe(t.service.wsUrl, [storeB]), await subscribe(t.service.wsUrl, null)];
    const id = await create('REPAIR');
    const first = await eventually('the new order', () => of(a, id)[0]);
    expect(first).toMatchObject({ status: 'RECEIVED', slaState: 'ON_TRACK', store: { id: storeA }, customer: { name: '林芳' } });
    expect(first.deadline).toEqual(expect.any(String));
    // Each event is read afresh, what hangs off the order too (not from the first event's cache).
    await t.data(`mutation($c: ID!) { updateCustomer(id: $c, input: { name: "林芳芳" }) { id } }`, { c: customer });
    await t.data(`mutation($id: ID!, $s: ID!) { assignServiceOrder(id: $id, storeId: $s) { id } }`, { id, s: storeB });
    // Store A hears it left; store B that it arrived; an unfiltered subscriber both.
    const left = await eventually('store A hears the order left', () => of(a, id).find((e) => e.store?.id === storeB));
    expect(left).toMatchObject({ status: 'ASSIGNED', customer: { name: '林芳芳' } });
    await eventually('store B hears the order arrived', () => of(b, id).find((e) => e.status === 'ASSIGNED'));
    await eventually('the unfiltered subscriber hears both', () => (of(everyone, id).length === 2 ? true : undefined));
    expect(of(b, id)).toHaveLength(1);
  });

  it('puts an unrouted gas smell in every store’s queue, live and listed, until a store takes it', async () => {
    const [a, b] = [await subscribe(t.service.wsUrl, [storeA]), await subscribe(t.service.wsUrl, [storeB])];
    const { createServiceOrder } = await t.data<{ createServiceOrder: { id: string; store: unknown } }>(
      `mutation { createServiceOrder(input: { type: GAS_SMELL, address: "Stairwell, 3 Canal Lane" }) { id store { id } } }`,
    );
    const id = createServiceOrder.id;
    expect(createServiceOrder.store).toBeNull();
    await eventually('store A hears it', () => of(a, id)[0]);
    await eventually('store B hears it', () => of(b, id)[0]);
    const listed = async (store: string) =>
      (
        await t.data<{ serviceOrders: { edges: { node: { id: string } }[] } }>(
          `query($s: ID) { serviceOrders(filter: { storeId: $s }, first: 200) { edges { node { id } } } }`,
          {
            s: store,
          },
        )
      ).serviceOrders.edges.map((e) => e.node.id);
    expect(await listed(storeB)).toContain(id);
    // Taken by A: B hears it left (so its desk drops it), and B's list no longer holds it.
    await t.data(`mutation($id: ID!, $s: ID!) { assignServiceOrder(id: $id, storeId: $s) { id } }`, { id, s: storeA });
    await eventually('store B hears it went to A', () => of(b, id).find((e) => e.store?.id === storeA));
    expect(await listed(storeB)).not.toContain(id);
  });

  it('sends nothing of one company’s orders to another’s subscribers', async () => {
    const rival = await subscribe(t.service.wsUrl, null, '0b0b0b0b-0000-4000-8000-00000000000b');
    const mine = await subscribe(t.service.wsUrl, null);
    const id = await create('COMPLAINT');
    await eventually('my subscriber hears it', () => of(mine, id)[0]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(rival).toEqual([]);
  });

  it('reaches subscribers of another instance: every instance hears the database’s notification', async () => {
    const other = await t.another();
    const there = await subscribe(other.wsUrl, [storeA]);
    const id = await create('CALLBACK');
    expect(await eventually('the other instance’s subscriber hears it', () => of(there, id)[0])).toMatchObject({ status: 'RECEIVED' });
  });

  it('refuses a bad store id with BAD_USER_INPUT', async () => {
    const events = await subscribe(t.service.wsUrl, ['not-a-store']);
    const [refusal] = events as unknown as { errors: { extensions?: { code?: string } }[] }[];
    expect(refusal?.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
