import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCylindersTestService, type CylindersTestService } from '../cylinders-test-service';
import { stockAt, statesOf, stockCylinders } from './transfer-test-cylinders';

let t: CylindersTestService;
beforeAll(async () => {
  t = await startCylindersTestService();
});
afterAll(() => t?.close());

const ORDER = `id number type state fromSiteId toSiteId receivedCount missingCount
  lines { specCode planned loaded received } scans { serial received } discrepancies { kind serial specCode note }`;
interface Order {
  id: string;
  number: string;
  state: string;
  receivedCount: number | null;
  missingCount: number | null;
  lines: { specCode: string; planned: number; loaded: number; received: number }[];
  scans: { serial: string; received: boolean | null }[];
  discrepancies: { kind: string; serial: string; specCode: string; note: string | null }[];
}
type Res = { data?: Record<string, Order | null> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };
const codeOf = (res: Res) => res.errors?.[0]?.extensions?.code;
const reasonOf = (res: Res) => res.errors?.[0]?.extensions?.reason;

const create = (input: Record<string, unknown>, headers?: Record<string, string>) =>
  t.raw<{ createTransferOrder: Order }>(`mutation($i: CreateTransferOrderInput!) { createTransferOrder(input: $i) { ${ORDER} } }`, { i: input }, headers);
const scan = (id: string, codes: string[], headers?: Record<string, string>) =>
  t.raw<Record<string, Order>>(`mutation($id: ID!, $c: [String!]!) { scanOntoTransfer(id: $id, codes: $c) { ${ORDER} } }`, { id, c: codes }, headers);
const unscan = (id: string, codes: string[]) =>
  t.raw<Record<string, Order>>(`mutation($id: ID!, $c: [String!]!) { unscanFromTransfer(id: $id, codes: $c) { ${ORDER} } }`, { id, c: codes });
const step = (mutation: 'dispatchTransfer' | 'closeTransfer', id: string, headers?: Record<string, string>) =>
  t.raw<Record<string, Order>>(`mutation($id: ID!) { ${mutation}(id: $id) { ${ORDER} } }`, { id }, headers);
const signOff = (id: string, receivedTags: string[], note?: string) =>
  t.raw<Record<string, Order>>(`mutation($id: ID!, $i: SignOffTransferInput!) { signOffTransfer(id: $id, input: $i) { ${ORDER} } }`, {
    id,
    i: { receivedTags, note },
  });
const read = async (id: string, headers?: Record<string, string>) =>
  (await t.data<{ transferOrder: Order | null }>(`query($id: ID!) { transferOrder(id: $id) { ${ORDER} } }`, { id }, headers)).transferOrder;

/** A FULL_OUT order from a new depot to a new store, with `planned` YSP35.5 and `full` full cylinders at the depot. */
async function fullOut(planned: number, full: number) {
  const [depot, store] = [await t.site(), await t.site()];
  const cylinders = await stockCylinders(t.db, depot, full);
  const res = await create({
    type: 'FULL_OUT',
    fromSiteId: depot,
    toSiteId: store,
    lines: [{ specCode: 'YSP35.5', planned }],
    driver: '李师傅',
    vehiclePlate: '沪A·12345',
  });
  expect(res.errors).toBeUndefined();
  return { depot, store, cylinders, order: res.data!.createTransferOrder };
}

describe('transfer orders', () => {
  it('carries full cylinders depot → store; one missing at sign-off is LOST with a discrepancy; stock exact at every step', async () => {
    const { depot, store, cylinders, order } = await fullOut(3, 3);
    expect(order).toMatchObject({ state: 'DRAFT', number: expect.stringMatching(/^TR-\d{4}-\d{6}$/) });
    expect(await stockAt(t.db, depot)).toEqual({ FULL_STOCK: 3 });

    // Loading: scanned cylinders are still the depot's stock.
    const loaded = (
      await scan(
        order.id,
        cylinders.map((c) => c.tag),
      )
    ).data!.scanOntoTransfer!;
    expect(loaded.state).toBe('LOADING');
    expect(loaded.lines).toEqual([{ specCode: 'YSP35.5', planned: 3, loaded: 3, received: 0 }]);
    expect(await stockAt(t.db, depot)).toEqual({ FULL_STOCK: 3 });

    const sentRes = await step('dispatchTransfer', order.id);
    expect(sentRes.errors).toBeUndefined();
    const sent = sentRes.data!.dispatchTransfer!;
    expect(sent.state).toBe('DISPATCHED');
    expect(await stockAt(t.db, depot)).toEqual({});
    expect(await stockAt(t.db, store)).toEqual({});
    expect(
      await statesOf(
        t.db,
        cylinders.map((c) => c.id),
      ),
    ).toEqual({ IN_TRANSIT: 3 });

    const [a, b, lost] = cylinders as [(typeof cylinders)[0], (typeof cylinders)[0], (typeof cylinders)[0]];
    const signed = (await signOff(order.id, [a.tag, b.serial], 'one short')).data!.signOffTransfer!;
    expect(signed).toMatchObject({ state: 'RECEIVED', receivedCount: 2, missingCount: 1 });
    expect(signed.lines).toEqual([{ specCode: 'YSP35.5', planned: 3, loaded: 3, received: 2 }]);
    expect(signed.discrepancies).toEqual([{ kind: 'MISSING', serial: lost.serial, specCode: 'YSP35.5', note: 'one short' }]);
    expect(await stockAt(t.db, depot)).toEqual({});
    expect(await stockAt(t.db, store)).toEqual({ FULL_STOCK: 2 });
    expect(await statesOf(t.db, [lost.id])).toEqual({ LOST: 1 });

    // Every move is in the cylinders' log under the order; every step in the audit log.
    const events = await t.db.query<{ event: string; n: number }>(
      `SELECT event, count(*)::int AS n FROM cylinders.cylinder_event WHERE ref = $1 GROUP BY event ORDER BY event`,
      [`transfer:${order.id}`],
    );
    expect(events).toEqual([
      { event: 'DISPATCH', n: 3 },
      { event: 'RECEIVE', n: 2 },
      { event: 'REPORT_LOST', n: 1 },
    ]);
    expect((await step('closeTransfer', order.id)).data!.closeTransfer!.state).toBe('CLOSED');
    const audit = await t.db.query<{ action: string }>(`SELECT action FROM audit.entry WHERE target = $1 ORDER BY id`, [`transfer-order:${order.id}`]);
    expect(audit.map((r) => r.action)).toEqual(['transfer.created', 'transfer.scanned', 'transfer.dispatched', 'transfer.signed-off', 'transfer.closed']);
  });

  it('refuses wrong-site, wrong-content, duplicate and over-planned scans, changing nothing', async () => {
    const { depot, cylinders, order } = await fullOut(2, 3);
    const elsewhere = await stockCylinders(t.db, await t.site(), 1);
    const empty = await stockCylinders(t.db, depot, 1, { state: 'EMPTY_STOCK' });
    const [c1, c2, c3] = cylinders.map((c) => c.tag) as [string, string, string];

    expect(reasonOf(await scan(order.id, [c1, elsewhere[0]!.tag]))).toBe('WRONG_SITE');
    expect(reasonOf(await scan(order.id, [empty[0]!.tag]))).toBe('WRONG_CONTENT');
    expect(await read(order.id)).toMatchObject({ state: 'DRAFT', scans: [] });

    expect((await scan(order.id, [c1])).errors).toBeUndefined();
    const dup = await scan(order.id, [c1]);
    expect([codeOf(dup), reasonOf(dup)]).toEqual(['TRANSFER_SCAN_REFUSED', 'ALREADY_ON_ORDER']);
    expect(reasonOf(await scan(order.id, [c2, c3]))).toBe('OVER_PLANNED');
    expect((await read(order.id))!.lines).toEqual([{ specCode: 'YSP35.5', planned: 2, loaded: 1, received: 0 }]);

    // Unscanning frees room on the line.
    expect((await unscan(order.id, [c1])).data!.unscanFromTransfer!.scans).toEqual([]);
    expect((await scan(order.id, [c2, c3])).data!.scanOntoTransfer!.lines[0]!.loaded).toBe(2);
  });

  it('refuses steps out of order (INVALID_TRANSFER_TRANSITION)', async () => {
    const { cylinders, order } = await fullOut(1, 1);
    expect(codeOf(await step('dispatchTransfer', order.id))).toBe('INVALID_TRANSFER_TRANSITION');
    expect(codeOf(await signOff(order.id, []))).toBe('INVALID_TRANSFER_TRANSITION');
    await scan(order.id, [cylinders[0]!.tag]);
    expect(codeOf(await step('closeTransfer', order.id))).toBe('INVALID_TRANSFER_TRANSITION');
    await step('dispatchTransfer', order.id);
    expect(codeOf(await scan(order.id, [cylinders[0]!.tag]))).toBe('INVALID_TRANSFER_TRANSITION');
    expect(codeOf(await unscan(order.id, [cylinders[0]!.tag]))).toBe('INVALID_TRANSFER_TRANSITION');
    const cancel = await t.raw(`mutation($id: ID!) { cancelTransfer(id: $id, reason: "no") { id } }`, { id: order.id });
    expect(codeOf(cancel as Res)).toBe('INVALID_TRANSFER_TRANSITION');
    expect((await read(order.id))!.state).toBe('DISPATCHED');
  });

  it('lets only one of two orders scanning the same cylinder at once have it', async () => {
    const { depot, store, cylinders, order } = await fullOut(1, 1);
    const other = (await create({ type: 'FULL_OUT', fromSiteId: depot, toSiteId: store, lines: [{ specCode: 'YSP35.5', planned: 1 }] })).data!
      .createTransferOrder;
    const results = await Promise.all([scan(order.id, [cylinders[0]!.tag]), scan(other.id, [cylinders[0]!.tag])]);
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.map(reasonOf).filter(Boolean)).toEqual(['ON_ANOTHER_ORDER']);
    const [scans] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM cylinders.transfer_scan WHERE cylinder_id = $1`, [cylinders[0]!.id]);
    expect(scans!.n).toBe(1);
  });

  it('refuses a signed-for tag that was never loaded on the order', async () => {
    const { depot, cylinders, order } = await fullOut(1, 1);
    const stranger = await stockCylinders(t.db, depot, 1);
    await scan(order.id, [cylinders[0]!.tag]);
    await step('dispatchTransfer', order.id);
    expect(reasonOf(await signOff(order.id, [cylinders[0]!.tag, stranger[0]!.tag]))).toBe('NOT_ON_ORDER');
    expect(await statesOf(t.db, [cylinders[0]!.id])).toEqual({ IN_TRANSIT: 1 });
  });

  it('keeps another tenant’s orders, sites and cylinders NOT_FOUND', async () => {
    const { depot, cylinders, order } = await fullOut(1, 1);
    const stranger = await t.as({ tenantId: '00000000-0000-4000-8000-0000000000b2' });
    expect(await read(order.id, stranger)).toBeNull();
    expect(codeOf(await step('dispatchTransfer', order.id, stranger))).toBe('NOT_FOUND');
    const theirs = await create({ type: 'FULL_OUT', fromSiteId: depot, toSiteId: await t.site(), lines: [{ specCode: 'YSP35.5', planned: 1 }] }, stranger);
    expect(codeOf(theirs)).toBe('NOT_FOUND');
    // Their own order cannot load our cylinder.
    const [a, b] = [await t.site('00000000-0000-4000-8000-0000000000b2'), await t.site('00000000-0000-4000-8000-0000000000b2')];
    await stockCylinders(t.db, a, 1, { tenantId: '00000000-0000-4000-8000-0000000000b2' });
    const own = (await create({ type: 'FULL_OUT', fromSiteId: a, toSiteId: b, lines: [{ specCode: 'YSP35.5', planned: 1 }] }, stranger)).data!
      .createTransferOrder;
    expect(codeOf(await scan(own.id, [cylinders[0]!.tag], stranger))).toBe('NOT_FOUND');
  });

  it('lists orders by state and site, newest first, a page at a time', async () => {
    const { store, order } = await fullOut(1, 1);
    const second = (await create({ type: 'EMPTY_BACK', fromSiteId: store, toSiteId: await t.site(), lines: [{ specCode: 'YSP35.5', planned: 5 }] })).data!
      .createTransferOrder;
    const page = async (after?: string) =>
      (
        await t.data<{ transferOrders: { totalCount: number; edges: { node: { id: string } }[]; pageInfo: { endCursor: string } } }>(
          `query($s: ID, $a: String) { transferOrders(filter: { siteId: $s, state: DRAFT }, first: 1, after: $a) { totalCount edges { node { id } } pageInfo { endCursor } } }`,
          { s: store, a: after },
        )
      ).transferOrders;
    const first = await page();
    expect(first.totalCount).toBe(2);
    expect(first.edges.map((e) => e.node.id)).toEqual([second.id]);
    expect((await page(first.pageInfo.endCursor)).edges.map((e) => e.node.id)).toEqual([order.id]);
  });
});
