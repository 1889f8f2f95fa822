import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TENANT_ID } from '@hearth/platform';
import { saveSlaOverrides } from './sla/sla-policy.store';
import { startServiceCentreTestService, type ServiceCentreTestService } from './service-centre-test-service';

let t: ServiceCentreTestService;
let store: string;
beforeAll(async () => {
  t = await startServiceCentreTestService();
  store = await t.site();
});
afterAll(() => t?.close());

/** A time in Shanghai (the default policy's zone) on the test's day. */
const at = (clock: string) => new Date(`2026-03-10T${clock}+08:00`);
const ORDER = `id number type status slaState deadline pausedSeconds escalation phone address reason hazardControlled store { id } customer { id }
  events { kind fromStatus toStatus note actor }`;
interface Order {
  id: string;
  number: string;
  status: string;
  slaState: string;
  deadline: string | null;
  pausedSeconds: number;
  escalation: string | null;
  phone: string | null;
  address: string | null;
  store: { id: string } | null;
  events: { kind: string; fromStatus: string | null; toStatus: string | null; note: string | null; actor: string }[];
}
const create = (input: Record<string, unknown>) =>
  t.raw<{ createServiceOrder: Order }>(`mutation($i: CreateServiceOrderInput!) { createServiceOrder(input: $i) { ${ORDER} } }`, { i: input });
const VARIABLES = { id: 'ID!', s: 'ID!', r: 'String!', type: 'ServiceOrderType!', h: 'Boolean' };
/** Runs a mutation of an order, declaring the variables its arguments use. */
const act = (mutation: string, args: string, variables: Record<string, unknown>) => {
  const declared = Object.entries(VARIABLES).filter(([name]) => new RegExp(`\\$${name}\\b`).test(args));
  const signature = declared.map(([name, type]) => `$${name}: ${type}`).join(', ');
  return t.raw<Record<string, Order>>(`mutation(${signature}) { ${mutation}(${args}) { ${ORDER} } }`, variables);
};
const order = async (id: string) => (await t.data<{ serviceOrder: Order }>(`query($id: ID!) { serviceOrder(id: $id) { ${ORDER} } }`, { id })).serviceOrder;
const codeOf = (res: { errors?: { extensions?: Record<string, unknown> }[] }) => res.errors?.[0]?.extensions?.code;

async function newCustomer(extra: Record<string, unknown> = {}) {
  const { createCustomer } = await t.data<{ createCustomer: { id: string } }>(`mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { id } }`, {
    i: { type: 'RESIDENTIAL', name: '陈静', phones: ['13800005678'], supplyAddress: '88 Canal Lane', supplyStationId: store, ...extra },
  });
  return createCustomer.id;
}

describe('service orders', () => {
  it('takes a delivery from the customer’s record, routes, dispatches and delivers it by its slot, every step in its history', async () => {
    t.clock.now = at('08:00:00');
    const customer = await newCustomer();
    const created = (
      await create({ type: 'DELIVERY', customerId: customer, requestedDate: '2026-03-10', timeSlot: '09:00-12:00', cylinderSpec: 'YSP35.5', quantity: 2 })
    ).data!.createServiceOrder;
    expect(created).toMatchObject({ number: 'SO-2026-000001', status: 'RECEIVED', slaState: 'ON_TRACK', phone: '138****5678', address: '88 Canal Lane' });
    expect(created.store).toEqual({ id: store });
    expect(created.deadline).toBe(at('12:00:00').toISOString());
    // The phone is kept encrypted, as the customer's are.
    const [row] = await t.db.query('SELECT * FROM customers.service_order WHERE id = $1', [created.id]);
    expect(JSON.stringify(row)).not.toContain('13800005678');

    t.clock.now = at('09:00:00');
    await act('assignServiceOrder', 'id: $id, storeId: $s, assignee: "王师傅"', { id: created.id, s: store });
    await act('dispatchServiceOrder', 'id: $id', { id: created.id });
    t.clock.now = at('11:40:00');
    const done = (await act('completeServiceOrder', 'id: $id, input: { note: "2 × YSP35.5 delivered" }', { id: created.id })).data!.completeServiceOrder!;
    expect(done).toMatchObject({ status: 'DELIVERED', slaState: 'MET' });
    expect(done.events.map((e) => [e.kind, e.fromStatus, e.toStatus])).toEqual([
      ['CREATED', null, 'RECEIVED'],
      ['STATUS_CHANGED', 'RECEIVED', 'ASSIGNED'],
      ['STATUS_CHANGED', 'ASSIGNED', 'DISPATCHED'],
      ['STATUS_CHANGED', 'DISPATCHED', 'DELIVERED'],
    ]);
    expect(done.events.every((e) => e.actor === 'user:test-user')).toBe(true);
    // Each step is in the customer's history too.
    const { customer: c } = await t.data<{ customer: { history: { edges: { node: { action: string } }[] } } }>(
      `query($id: ID!) { customer(id: $id) { history { edges { node { action } } } } }`,
      { id: customer },
    );
    expect(c.history.edges.map((e) => e.node.action).slice(0, 4)).toEqual([
      'service-order.completed',
      'service-order.dispatched',
      'service-order.assigned',
      'service-order.created',
    ]);
  });

  it('refuses a move the status does not allow, naming the status; a closed order is final', async () => {
    const { id } = (await create({ type: 'REPAIR', customerId: await newCustomer() })).data!.createServiceOrder;
    const refused = await act('dispatchServiceOrder', 'id: $id', { id });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_ORDER_TRANSITION', status: 'RECEIVED', action: 'DISPATCH' });
    await act('cancelServiceOrder', 'id: $id, reason: $r', { id, r: 'Customer fixed it himself' });
    const again = await act('failServiceOrder', 'id: $id, reason: $r', { id, r: 'x' });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_ORDER_TRANSITION', status: 'CANCELLED' });
    expect(await order(id)).toMatchObject({ status: 'CANCELLED', reason: 'Customer fixed it himself' });
  });

  it('refuses a blacklisted customer gas, never a gas-smell report, nor one by a passer-by', async () => {
    const customer = await newCustomer();
    await t.data(`mutation($id: ID!) { blacklistCustomer(id: $id, reason: "Illegal decanting") { id } }`, { id: customer });
    const delivery = { customerId: customer, requestedDate: '2026-03-11', timeSlot: '09:00-12:00' };
    expect(codeOf(await create({ type: 'DELIVERY', ...delivery }))).toBe('CUSTOMER_BLACKLISTED');
    expect(codeOf(await create({ type: 'PICKUP', customerId: customer }))).toBe('CUSTOMER_BLACKLISTED');
    expect((await create({ type: 'GAS_SMELL', customerId: customer })).data?.createServiceOrder.status).toBe('RECEIVED');
    const passerBy = (await create({ type: 'GAS_SMELL', address: 'Outside 12 Market Street', phone: '139 1234 0000' })).data!.createServiceOrder;
    expect(passerBy).toMatchObject({ status: 'RECEIVED', phone: '139****0000' });
    expect(codeOf(await create({ type: 'COMPLAINT' }))).toBe('BAD_USER_INPUT');
    // A blacklisted customer's complaint cannot be turned into a delivery either.
    const { id } = (await create({ type: 'COMPLAINT', customerId: customer })).data!.createServiceOrder;
    expect(codeOf(await act('reclassifyServiceOrder', 'id: $id, type: $type', { id, type: 'PICKUP' }))).toBe('CUSTOMER_BLACKLISTED');
  });

  it('completes a gas smell only with the hazard confirmed controlled', async () => {
    const { id } = (await create({ type: 'GAS_SMELL', customerId: await newCustomer() })).data!.createServiceOrder;
    await act('assignServiceOrder', 'id: $id, storeId: $s', { id, s: store });
    await act('dispatchServiceOrder', 'id: $id', { id });
    for (const h of [null, false]) {
      expect(codeOf(await act('completeServiceOrder', 'id: $id, input: { hazardControlled: $h }', { id, h }))).toBe('HAZARD_NOT_CONFIRMED');
    }
    const done = (await act('completeServiceOrder', 'id: $id, input: { hazardControlled: $h, note: "Loose hose clamp" }', { id, h: true })).data!
      .completeServiceOrder!;
    expect(done).toMatchObject({ status: 'COMPLETED', hazardControlled: true });
  });

  it('pauses the clock of a reclassified order until it is re-assigned, and moves its deadline by the pause', async () => {
    t.clock.now = at('10:00:00');
    const { id } = (await create({ type: 'COMPLAINT', customerId: await newCustomer() })).data!.createServiceOrder;
    await act('assignServiceOrder', 'id: $id, storeId: $s', { id, s: store });
    t.clock.now = at('10:10:00');
    const reclassified = (await act('reclassifyServiceOrder', 'id: $id, type: $type', { id, type: 'REPAIR' })).data!.reclassifyServiceOrder!;
    expect(reclassified).toMatchObject({ status: 'RECEIVED', slaState: 'PAUSED' });
    expect(reclassified.events.at(-1)).toMatchObject({ kind: 'RECLASSIFIED', fromStatus: 'ASSIGNED', toStatus: 'RECEIVED', note: 'COMPLAINT → REPAIR' });
    t.clock.now = at('10:40:00');
    const back = (await act('assignServiceOrder', 'id: $id, storeId: $s', { id, s: store })).data!.assignServiceOrder!;
    // A repair reported at 10:00 is due at 14:00; thirty minutes paused make it 14:30.
    expect(back).toMatchObject({ status: 'ASSIGNED', slaState: 'ON_TRACK', pausedSeconds: 1800, deadline: at('14:30:00').toISOString() });
    // A gas smell is never reclassified away: it is closed with the hazard confirmed controlled.
    const smell = (await create({ type: 'GAS_SMELL', address: 'Stairwell, 3 Harbour Road' })).data!.createServiceOrder;
    expect(codeOf(await act('reclassifyServiceOrder', 'id: $id, type: $type', { id: smell.id, type: 'COMPLAINT' }))).toBe('BAD_USER_INPUT');
  });

  it('flags an order AT_RISK, then BREACHED, once each; the queue lists open orders by deadline and filters by SLA state', async () => {
    t.clock.now = at('15:00:00');
    const { id } = (await create({ type: 'GAS_SMELL', address: 'Kitchen, 5 Station Avenue' })).data!.createServiceOrder;
    const check = () => t.service.services.serviceCentre.escalationCheck.run();
    t.clock.now = at('15:25:00');
    await check();
    await check();
    expect(await order(id)).toMatchObject({ slaState: 'AT_RISK', escalation: 'AT_RISK' });
    t.clock.now = at('15:31:00');
    await check();
    await check();
    const breached = await order(id);
    expect(breached).toMatchObject({ slaState: 'BREACHED', escalation: 'BREACHED' });
    expect(breached.events.filter((e) => e.kind === 'ESCALATED').map((e) => [e.note, e.actor])).toEqual([
      ['AT_RISK', 'system'],
      ['BREACHED', 'system'],
    ]);
    const queue = await t.data<{ serviceOrders: { totalCount: number; edges: { node: { id: string; status: string; deadline: string | null } }[] } }>(
      `{ serviceOrders(filter: { slaStates: [BREACHED], statuses: [RECEIVED, ASSIGNED, DISPATCHED] }) { totalCount edges { node { id status deadline } } } }`,
    );
    expect(queue.serviceOrders.edges.map((e) => e.node.id)).toContain(id);
    const all = await t.data<{ serviceOrders: { edges: { node: { status: string; deadline: string | null } }[] } }>(
      `{ serviceOrders(first: 200) { edges { node { status deadline } } } }`,
    );
    const open = all.serviceOrders.edges.map((e) => e.node).filter((n) => !['DELIVERED', 'COMPLETED', 'FAILED', 'CANCELLED'].includes(n.status));
    expect(all.serviceOrders.edges.slice(0, open.length).map((e) => e.node)).toEqual(open);
    const deadlines = open.map((n) => n.deadline ?? '9999');
    expect(deadlines).toEqual([...deadlines].sort());
  });

  it('sets deadlines from the company’s own commitments, from the next order on', async () => {
    t.clock.now = at('16:00:00');
    const before = (await create({ type: 'GAS_SMELL', address: 'Back door, 9 Canal Lane' })).data!.createServiceOrder;
    await saveSlaOverrides(t.db, DEMO_TENANT_ID, { rules: { GAS_SMELL: { kind: 'WITHIN', minutes: 60 } } }, 'user:test-user');
    const after = (await create({ type: 'GAS_SMELL', address: 'Back door, 9 Canal Lane' })).data!.createServiceOrder;
    await saveSlaOverrides(t.db, DEMO_TENANT_ID, {}, 'user:test-user');
    expect([before.deadline, after.deadline]).toEqual([at('16:30:00').toISOString(), at('17:00:00').toISOString()]);
    expect((await order(before.id)).deadline).toBe(at('16:30:00').toISOString());
  });

  it('pages the queue with cursors that continue where the last page ended', async () => {
    const page = (after?: string) =>
      t.data<{ serviceOrders: { edges: { node: { id: string } }[]; pageInfo: { endCursor: string; hasNextPage: boolean } } }>(
        `query($after: String) { serviceOrders(first: 2, after: $after) { edges { node { id } } pageInfo { endCursor hasNextPage } } }`,
        { after },
      );
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const { serviceOrders } = await page(after);
      seen.push(...serviceOrders.edges.map((e) => e.node.id));
      if (!serviceOrders.pageInfo.hasNextPage) break;
      after = serviceOrders.pageInfo.endCursor;
    }
    const { serviceOrders } = await t.data<{ serviceOrders: { totalCount: number; edges: { node: { id: string } }[] } }>(
      `{ serviceOrders(first: 200) { totalCount edges { node { id } } } }`,
    );
    expect(seen).toEqual(serviceOrders.edges.map((e) => e.node.id));
    expect(seen).toHaveLength(serviceOrders.totalCount);
    expect(codeOf(await t.raw(`{ serviceOrders(after: "bm9wZQ") { totalCount } }`))).toBe('INVALID_CURSOR');
  });

  it('shows the phone whole only to customers:pii, and records the read', async () => {
    const { id } = (await create({ type: 'CALLBACK', customerId: await newCustomer(), phone: '13912340001' })).data!.createServiceOrder;
    const q = `query($id: ID!) { serviceOrder(id: $id) { phone(unmasked: true) } }`;
    const viewer = await t.as({ scopes: ['*:read'] });
    expect(codeOf(await t.raw(q, { id }, viewer))).toBe('FORBIDDEN');
    expect((await t.data<{ serviceOrder: { phone: string } }>(q, { id })).serviceOrder.phone).toBe('13912340001');
    const [read] = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit.entry WHERE action = 'service-order.pii-read' AND details::text LIKE $1`,
      [`%${id}%`],
    );
    expect(read!.n).toBe(1);
  });

  it('keeps another company’s orders and stores out of reach', async () => {
    const { id } = (await create({ type: 'REPAIR', customerId: await newCustomer() })).data!.createServiceOrder;
    const rival = await t.as({ tenantId: '0b0b0b0b-0000-4000-8000-00000000000b', scopes: ['*:read', '*:write'] });
    expect((await t.data<{ serviceOrder: unknown }>(`query($id: ID!) { serviceOrder(id: $id) { id } }`, { id }, rival)).serviceOrder).toBeNull();
    const refused = await t.raw(`mutation($id: ID!) { cancelServiceOrder(id: $id, reason: "x") { id } }`, { id }, rival);
    expect(codeOf(refused)).toBe('NOT_FOUND');
    const theirStore = await t.site('0b0b0b0b-0000-4000-8000-00000000000b');
    expect(codeOf(await act('assignServiceOrder', 'id: $id, storeId: $s', { id, s: theirStore }))).toBe('NOT_FOUND');
    expect((await order(id)).status).toBe('RECEIVED');
    expect(DEMO_TENANT_ID).not.toBe('0b0b0b0b-0000-4000-8000-00000000000b');
  });
});
