import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TENANT_ID } from '@hearth/platform';
import { booksBalance, getAccounts, openAccount } from '@hearth/platform/ledger';
import { testCustomer } from '@hearth/testkit/test-customers';
import { startCylindersTestService, type CylindersTestService } from '../cylinders-test-service';

let t: CylindersTestService;
let store: string;
const SPEC = 'YSP35.5';

const HAND_OVER = `mutation($input: HandOverCylinderInput!) { handOverCylinder(input: $input) {
  id cylinderId kind depositMinor depositJournalId loanDueOn shortWeight shortKg expectedGrossKg replayed } }`;
const TAKE_BACK = `mutation($input: TakeBackCylinderInput!) { takeBackCylinder(input: $input) {
  id handoverId residualKg residualCreditMinor residualJournalId refundMinor refundJournalId replayed } }`;

interface Handover {
  id: string;
  cylinderId: string;
  kind: string;
  depositMinor: number;
  depositJournalId: string | null;
  loanDueOn: string | null;
  shortWeight: boolean;
  shortKg: number | null;
  expectedGrossKg: number | null;
  replayed: boolean;
}
interface Return {
  id: string;
  handoverId: string | null;
  residualKg: number;
  residualCreditMinor: number;
  residualJournalId: string | null;
  refundMinor: number;
  refundJournalId: string | null;
  replayed: boolean;
}

async function spec(tenantId = DEMO_TENANT_ID) {
  await t.db.query(
    `INSERT INTO cylinders.spec (tenant_id, code, name, water_capacity_l, nominal_tare_kg, max_fill_kg, tolerance_kg, inspection_interval_years, design_life_years, deposit_minor)
     VALUES ($1, $2, 'YSP35.5', 35.5, 16.5, 14.9, 0.5, 4, 12, 15000) ON CONFLICT DO NOTHING`,
    [tenantId, SPEC],
  );
}

const customer = (tenantId = DEMO_TENANT_ID, blacklisted = false) => testCustomer(t.db, { tenantId, blacklisted });

async function cylinder(state = 'FULL_STOCK', tenantId = DEMO_TENANT_ID, site = store, lastNetKg: number | null = 14.5): Promise<string> {
  const serial = randomUUID().slice(0, 12);
  const [row] = await t.db.query<{ id: string }>(
    `INSERT INTO cylinders.cylinder (tenant_id, serial, tag, spec_code, manufacturer, manufactured_on, design_life_years, next_inspection_due, owner_company,
       state, location_site_id, last_net_kg)
     VALUES ($1, $2, $3, $4, 'Maker', '2022-01-01', 12, '2030-01-01', 'Hearth Gas', $5, $6, $7) RETURNING id::text`,
    [tenantId, serial, `TAG-${serial}`, SPEC, state, site, lastNetKg],
  );
  return row!.id;
}

const handOver = (input: Record<string, unknown>) =>
  t.data<{ handOverCylinder: Handover }>(HAND_OVER, { input: { storeId: store, idempotencyKey: randomUUID(), ...input } });
const takeBack = (input: Record<string, unknown>) =>
  t.data<{ takeBackCylinder: Return }>(TAKE_BACK, { input: { storeId: store, idempotencyKey: randomUUID(), ...input } });
const codeOf = async (query: string, input: Record<string, unknown>, headers?: Record<string, string>) =>
  (await t.raw(query, { input }, headers)).errors?.[0]?.extensions?.code;
const balances = async (ids: string[]) => [...(await getAccounts(t.db, DEMO_TENANT_ID, ids)).values()].map((a) => a.balanceMinor);
const depositAccountOf = async (customerId: string) =>
  (await t.db.query<{ id: string | null }>('SELECT deposit_account_id::text AS id FROM customers.customer WHERE id = $1', [customerId]))[0]!.id;
const entriesOf = async (journalKeyLike: string) =>
  (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM ledger.journal WHERE idempotency_key LIKE $1', [journalKeyLike]))[0]!.n;

beforeAll(async () => {
  t = await startCylindersTestService();
  store = await t.site();
  await spec();
});
afterAll(() => t?.close());

describe('hand-over with a deposit', () => {
  it('posts the deposit and its refund so that every balance is back where it started', async () => {
    const c = await customer();
    const cyl = await cylinder();
    const before = await booksBalance(t.db, DEMO_TENANT_ID);
    const { handOverCylinder: h } = await handOver({ cylinderId: cyl, customerId: c.id, deposit: { method: 'CASH' } });
    expect(h).toMatchObject({ kind: 'DEPOSIT', depositMinor: 15000, replayed: false });
    const deposits = (await depositAccountOf(c.id))!;
    const [drawer] = await t.db.query<{ id: string }>(`SELECT id::text FROM ledger.account WHERE tenant_id = $1 AND code = $2`, [
      DEMO_TENANT_ID,
      `STORE:${store}`,
    ]);
    const drawerBefore = (await balances([drawer!.id]))[0]! + 15000;
    expect(await balances([deposits])).toEqual([15000]);

    const { takeBackCylinder: r } = await takeBack({ cylinderId: cyl, grossKg: 16.5, refundDeposit: { method: 'CASH' } });
    expect(r).toMatchObject({ handoverId: h.id, refundMinor: 15000, residualCreditMinor: 0, residualJournalId: null });
    expect(await balances([deposits, drawer!.id])).toEqual([0, drawerBefore]);
    expect(await booksBalance(t.db, DEMO_TENANT_ID)).toEqual(before);
    const [state] = await t.db.query<{ state: string; site: string }>('SELECT state, location_site_id::text AS site FROM cylinders.cylinder WHERE id = $1', [
      cyl,
    ]);
    expect(state).toEqual({ state: 'RETURNED', site: store });
  });

  it('uses the customer’s one deposits account for a second cylinder', async () => {
    const c = await customer();
    await handOver({ cylinderId: await cylinder(), customerId: c.id, deposit: { method: 'WECHAT_PAY' } });
    const first = await depositAccountOf(c.id);
    await handOver({ cylinderId: await cylinder(), customerId: c.id, deposit: { method: 'WECHAT_PAY', amountMinor: 100 } });
    expect(await depositAccountOf(c.id)).toBe(first);
    expect(await balances([first!])).toEqual([15100]);
    const { outstandingDeposits } = await t.data<{ outstandingDeposits: { cylindersHeld: number; depositsHeldMinor: number }[] }>(
      `query($c: ID) { outstandingDeposits(customerId: $c) { cylindersHeld depositsHeldMinor } }`,
      { c: c.id },
    );
    expect(outstandingDeposits).toEqual([{ cylindersHeld: 2, depositsHeldMinor: 15100 }]);
  });

  it('replays the same key as the same hand-over with one posting, and refuses the key for another request', async () => {
    const c = await customer();
    const cyl = await cylinder();
    const input = { cylinderId: cyl, customerId: c.id, deposit: { method: 'ALIPAY' }, idempotencyKey: `k-${randomUUID()}` };
    const first = (await handOver(input)).handOverCylinder;
    const again = (await handOver(input)).handOverCylinder;
    expect(again).toEqual({ ...first, replayed: true });
    expect(await entriesOf(`%|cylinders:handover:${input.idempotencyKey}`)).toBe(1);
    expect(await balances([(await depositAccountOf(c.id))!])).toEqual([15000]);
    expect(await codeOf(HAND_OVER, { ...input, storeId: store, deposit: { method: 'ALIPAY', amountMinor: 1 } })).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('refuses a blacklisted customer and moves nothing', async () => {
    const c = await customer(DEMO_TENANT_ID, true);
    const cyl = await cylinder();
    expect(await codeOf(HAND_OVER, { cylinderId: cyl, customerId: c.id, storeId: store, deposit: { method: 'CASH' }, idempotencyKey: 'b1' })).toBe(
      'CUSTOMER_BLACKLISTED',
    );
    const [row] = await t.db.query<{ state: string }>('SELECT state FROM cylinders.cylinder WHERE id = $1', [cyl]);
    expect(row!.state).toBe('FULL_STOCK');
  });

  it('refuses a never-refunded deposit beyond what is held', async () => {
    const c = await customer();
    const cyl = await cylinder();
    await handOver({ cylinderId: cyl, customerId: c.id, deposit: { method: 'CASH', amountMinor: 500 } });
    expect(
      await codeOf(TAKE_BACK, { cylinderId: cyl, storeId: store, grossKg: 17, refundDeposit: { method: 'CASH', amountMinor: 501 }, idempotencyKey: 'r1' }),
    ).toBe('INSUFFICIENT_FUNDS');
  });
});

describe('loans, residual gas, weights and refusals', () => {
  it('lends a cylinder with no posting and closes the loan on take-back', async () => {
    const c = await customer();
    const cyl = await cylinder();
    const journals = await entriesOf('%');
    const { handOverCylinder: h } = await handOver({ tag: undefined, cylinderId: cyl, customerId: c.id, loanDueOn: '2030-06-01' });
    expect(h).toMatchObject({ kind: 'LOAN', depositMinor: 0, depositJournalId: null, loanDueOn: '2030-06-01' });
    expect(await entriesOf('%')).toBe(journals);
    expect(await depositAccountOf(c.id)).toBeNull();
    await takeBack({ cylinderId: cyl, grossKg: 16 });
    const [row] = await t.db.query<{ returned: boolean }>('SELECT returned_at IS NOT NULL AS returned FROM cylinders.handover WHERE id = $1', [h.id]);
    expect(row!.returned).toBe(true);
  });

  it('credits residual gas to the wallet exactly, in minor units, at the tenant’s price', async () => {
    await t.data(`mutation { setHandoverSettings(input: { specCode: "${SPEC}", residualPricePerKgMinor: 789 }) { residualPricePerKgMinor } }`);
    const c = await customer();
    const cyl = await cylinder();
    await handOver({ cylinderId: cyl, customerId: c.id, loanDueOn: '2030-06-01' });
    // 18.845 − 16.5 = 2.345 kg × 789 fen/kg = 1850.205 → 1850 fen.
    const { takeBackCylinder: r } = await takeBack({ cylinderId: cyl, grossKg: 18.845 });
    expect(r).toMatchObject({ residualKg: 2.345, residualCreditMinor: 1850 });
    expect(await balances([c.walletId])).toEqual([1850]);
    await t.data(`mutation { setHandoverSettings(input: { specCode: "${SPEC}", residualPricePerKgMinor: 0 }) { residualPricePerKgMinor } }`);
  });

  it('flags a cylinder lighter than its fill beyond the tolerance, by store and driver', async () => {
    const c = await customer();
    // Filled 14.5 kg net + 16.5 kg tare = 31 kg; the spec's tolerance is 0.5 kg.
    const ok = (await handOver({ cylinderId: await cylinder(), customerId: c.id, loanDueOn: '2030-01-01', grossKg: 30.6, driver: 'Wang' })).handOverCylinder;
    const short = (await handOver({ cylinderId: await cylinder(), customerId: c.id, loanDueOn: '2030-01-01', grossKg: 30.2, driver: 'Li' })).handOverCylinder;
    expect(ok).toMatchObject({ shortWeight: false, expectedGrossKg: 31 });
    expect(short).toMatchObject({ shortWeight: true, shortKg: 0.8 });
    const { cylinderHandovers } = await t.data<{ cylinderHandovers: { edges: { node: { id: string } }[] } }>(
      `query($c: ID) { cylinderHandovers(filter: { customerId: $c, shortWeightOnly: true }) { edges { node { id } } } }`,
      { c: c.id },
    );
    expect(cylinderHandovers.edges.map((e) => e.node.id)).toEqual([short.id]);
    const { shortWeightReport } = await t.data<{ shortWeightReport: { byDriver: { key: string; short: number; shortKg: number }[] } }>(
      `query($from: DateTime!, $to: DateTime!) { shortWeightReport(from: $from, to: $to) { byDriver { key short shortKg } } }`,
      { from: new Date(Date.now() - 3_600_000).toISOString(), to: new Date(Date.now() + 3_600_000).toISOString() },
    );
    expect(shortWeightReport.byDriver.find((g) => g.key === 'Li')).toMatchObject({ short: 1, shortKg: 0.8 });
  });

  it('reports rotation at a store: cylinders per customer and idle stock', async () => {
    const site = await t.site();
    const c = await customer();
    await handOver({ cylinderId: await cylinder('FULL_STOCK', DEMO_TENANT_ID, site), customerId: c.id, storeId: site, loanDueOn: '2030-01-01' });
    const idle = await cylinder('EMPTY_STOCK', DEMO_TENANT_ID, site);
    await t.db.query(`UPDATE cylinders.cylinder SET updated_at = now() - interval '40 days' WHERE id = $1`, [idle]);
    const { cylinderRotation: r } = await t.data<{ cylinderRotation: Record<string, unknown> & { idle: { id: string }[] } }>(
      `query($s: ID) { cylinderRotation(siteId: $s, idleDays: 30) { handovers cylindersAtCustomers customersHolding cylindersPerCustomer idleCount idle { id } } }`,
      { s: site },
    );
    expect(r).toMatchObject({ handovers: 1, cylindersAtCustomers: 1, customersHolding: 1, cylindersPerCustomer: 1, idleCount: 1, idle: [{ id: idle }] });
  });

  it('refuses to hand over a scrapped or an empty cylinder', async () => {
    const c = await customer();
    for (const state of ['SCRAPPED', 'EMPTY_STOCK']) {
      const cyl = await cylinder(state);
      expect(await codeOf(HAND_OVER, { cylinderId: cyl, customerId: c.id, storeId: store, loanDueOn: '2030-01-01', idempotencyKey: randomUUID() })).toBe(
        'INVALID_CYLINDER_TRANSITION',
      );
    }
  });

  it('does not find another tenant’s customer or cylinder', async () => {
    const other = randomUUID();
    await spec(other);
    const otherSite = await t.site(other);
    const theirs = await customer(other);
    const mine = await customer();
    const loan = { storeId: store, loanDueOn: '2030-01-01' };
    expect(await codeOf(HAND_OVER, { ...loan, cylinderId: await cylinder(), customerId: theirs.id, idempotencyKey: randomUUID() })).toBe('NOT_FOUND');
    const theirCylinder = await cylinder('FULL_STOCK', other, otherSite);
    expect(await codeOf(HAND_OVER, { ...loan, cylinderId: theirCylinder, customerId: mine.id, idempotencyKey: randomUUID() })).toBe('NOT_FOUND');
  });
});
