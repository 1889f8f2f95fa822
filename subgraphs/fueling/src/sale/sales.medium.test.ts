import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TENANT_ID } from '@hearth/platform';
import { testCustomer } from '@hearth/testkit/test-customers';
import { startFuelingTestService, type FuelingTestService } from '../fueling-test-service';
import { decisionOf, ISSUE, newCardNumber, payIn, storeAuthRequest, storeSale, testStation } from '../fueling-test-data';
import { reviewOpenHolds } from './grey-cards';

let t: FuelingTestService;
let pumpId: string;
let otherPumpId: string;

const issue = async (i: Record<string, unknown>) =>
  (await t.data<{ issueFuelCard: { id: string; cardNumber: string; accountId: string } }>(ISSUE, { i: { cardNumber: newCardNumber(), ...i } })).issueFuelCard;
const authorize = async (r: Parameters<typeof storeAuthRequest>[1]) => {
  const id = await storeAuthRequest(t, r);
  await t.service.services.sales.authorizations.wake();
  return decisionOf(t, id);
};
const settle = async () => t.service.services.sales.sales.wake();
const balanceOf = async (accountId: string) =>
  (await t.db.query<{ b: number }>(`SELECT balance_minor::float8 AS b FROM ledger.account WHERE id = $1`, [accountId]))[0]!.b;
const entriesOf = async (accountId: string) => (await t.db.query(`SELECT 1 FROM ledger.entry WHERE account_id = $1`, [accountId])).length;
const greyChanges = async (cardNumber: string) =>
  (await t.db.query<{ op: string }>(`SELECT op FROM fueling.card_list_change WHERE list = 'GREY' AND card_number = $1 ORDER BY version`, [cardNumber])).map(
    (r) => r.op,
  );

/** A named card of a new customer with `balance` fen in the wallet. */
async function fundedCard(balance: number, rules: Record<string, unknown> = {}) {
  const holder = await testCustomer(t.db);
  await payIn(t, holder.walletId, balance);
  return issue({ kind: 'NAMED', customerId: holder.id, ...rules });
}

beforeAll(async () => {
  t = await startFuelingTestService();
  pumpId = (await testStation(t)).pumpId;
  // Another station, 120 km away.
  otherPumpId = (await testStation(t, { lat: 22.2, lon: 113.7 })).pumpId;
});
afterAll(async () => {
  await t?.close();
});

describe('authorising a card at a pump', () => {
  it('authorises up to the preset and holds it until the sale settles', async () => {
    const card = await fundedCard(50_000);
    expect(await authorize({ pumpId, cardNumber: card.cardNumber, presetMinor: 20_000 })).toEqual({
      decision: 'AUTHORIZE',
      limitMinor: 20_000,
      reason: null,
      holdOpen: true,
    });
    // The hold counts: a second pump may only have what is left.
    expect(await authorize({ pumpId: otherPumpId, cardNumber: card.cardNumber })).toMatchObject({ decision: 'AUTHORIZE', limitMinor: 30_000 });
  });

  it('refuses a request its pump no longer waits for, holding nothing; caps a fill-up without a preset', async () => {
    const card = await fundedCard(1_000_000);
    const { authorizeRequest, DEFAULT_AUTHORIZATION_RULES } = await import('./authorize-request');
    const request = (receivedAt: Date, presetMinor: number | null) => ({
      id: crypto.randomUUID(),
      tenantId: DEMO_TENANT_ID,
      pumpId,
      nozzle: 1,
      cardNumber: card.cardNumber,
      presetMinor,
      plate: null,
      requestedAt: receivedAt,
      receivedAt,
      receivedKey: '',
    });
    const late = await t.db.transaction((tx) => authorizeRequest(tx, request(new Date(Date.now() - 60_000), 20_000), DEFAULT_AUTHORIZATION_RULES));
    expect(late).toEqual({ action: 'REFUSE', reason: 'REQUEST_EXPIRED', limitMinor: 0 });
    const open = await t.db.transaction((tx) => authorizeRequest(tx, request(new Date(), null), DEFAULT_AUTHORIZATION_RULES));
    expect(open).toEqual({ action: 'AUTHORIZE', limitMinor: DEFAULT_AUTHORIZATION_RULES.maxFillMinor });
  });

  it('refuses a lost card at once, and an unknown card', async () => {
    const card = await fundedCard(50_000);
    await t.data(`mutation($id: ID!) { reportCardLost(cardId: $id) { id } }`, { id: card.id });
    expect(await authorize({ pumpId, cardNumber: card.cardNumber })).toMatchObject({ decision: 'REFUSE', reason: 'CARD_LOST', holdOpen: false });
    expect(await authorize({ pumpId, cardNumber: newCardNumber() })).toMatchObject({ decision: 'REFUSE', reason: 'CARD_UNKNOWN' });
  });

  it('applies a card’s day limit against what it sold today, and its plate', async () => {
    const card = await fundedCard(100_000, { limits: [{ period: 'DAY', maxAmountMinor: 30_000 }], plate: '粤B12345' });
    expect(await authorize({ pumpId, cardNumber: card.cardNumber, plate: '粤A99999' })).toMatchObject({ decision: 'REFUSE', reason: 'PLATE_MISMATCH' });
    expect(await authorize({ pumpId, cardNumber: card.cardNumber, plate: '粤b 12345' })).toMatchObject({ decision: 'AUTHORIZE', limitMinor: 30_000 });
    await storeSale(t, { pumpId, counter: 7001, cardNumber: card.cardNumber, volumeMl: 26_667, amountMinor: 20_000 });
    await settle();
    expect(await authorize({ pumpId, cardNumber: card.cardNumber, plate: '粤B12345' })).toMatchObject({ decision: 'AUTHORIZE', limitMinor: 10_000 });
  });

  it('keeps a day limit across a reissue: reporting a card lost does not reset what it spent today', async () => {
    const card = await fundedCard(100_000, { limits: [{ period: 'DAY', maxAmountMinor: 30_000 }] });
    await storeSale(t, { pumpId, counter: 7101, cardNumber: card.cardNumber, volumeMl: 26_667, amountMinor: 20_000 });
    await settle();
    await t.data(`mutation($id: ID!) { reportCardLost(cardId: $id) { id } }`, { id: card.id });
    const number = newCardNumber();
    await t.data(`mutation($id: ID!, $n: String!) { reissueFuelCard(cardId: $id, newCardNumber: $n) { id } }`, { id: card.id, n: number });
    expect(await authorize({ pumpId, cardNumber: number })).toMatchObject({ decision: 'AUTHORIZE', limitMinor: 10_000 });
  });

  it('never authorises more than a company account can pay, however many sub-cards ask at once', async () => {
    const company = await testCustomer(t.db, { creditLimitMinor: 1_000_000 });
    const master = await issue({ kind: 'MASTER', customerId: company.id, funding: 'CREDIT' });
    const subs = await Promise.all(Array.from({ length: 10 }, () => issue({ kind: 'SUB', masterCardId: master.id })));
    const { authorizeRequest, DEFAULT_AUTHORIZATION_RULES } = await import('./authorize-request');
    const requests = Array.from({ length: 5_000 }, (_, i) => ({
      id: crypto.randomUUID(),
      tenantId: DEMO_TENANT_ID,
      pumpId: i % 2 ? pumpId : otherPumpId,
      nozzle: 1,
      cardNumber: subs[i % subs.length]!.cardNumber,
      presetMinor: 10_000,
      plate: null,
      requestedAt: new Date(),
      receivedAt: new Date(),
      receivedKey: '',
    }));
    // Fifty at a time, each in its own transaction, as intakes of several service instances would.
    for (let i = 0; i < requests.length; i += 50)
      await Promise.all(requests.slice(i, i + 50).map((r) => t.db.transaction((tx) => authorizeRequest(tx, r, DEFAULT_AUTHORIZATION_RULES))));
    const [sum] = await t.db.query<{ held: number; authorised: number }>(
      `SELECT coalesce(sum(limit_minor), 0)::float8 AS held, count(*) FILTER (WHERE decision = 'AUTHORIZE')::int AS authorised
         FROM fueling.authorization WHERE account_id = $1`,
      [company.walletId],
    );
    expect(sum).toEqual({ held: 1_000_000, authorised: 100 });
  }, 180_000);
});

describe('settling sales', () => {
  it('settles a sale uploaded three times, out of order with others, once, and debits the card once', async () => {
    const card = await fundedCard(100_000);
    await authorize({ pumpId, cardNumber: card.cardNumber, presetMinor: 20_000 });
    const sale = { pumpId, counter: 8002, cardNumber: card.cardNumber, volumeMl: 20_000, amountMinor: 15_000 };
    await storeSale(t, sale);
    await storeSale(t, { ...sale, counter: 8003, amountMinor: 7_500, volumeMl: 10_000 });
    await storeSale(t, sale);
    await storeSale(t, { ...sale, counter: 8001, amountMinor: 750, volumeMl: 1_000 });
    await storeSale(t, sale);
    await settle();
    await storeSale(t, sale);
    await settle();
    const sales = await t.db.query<{ counter: number }>(
      `SELECT counter::int FROM fueling.sale WHERE pump_id = $1 AND counter BETWEEN 8001 AND 8003 ORDER BY counter`,
      [pumpId],
    );
    expect(sales.map((s) => s.counter)).toEqual([8001, 8002, 8003]);
    expect(await entriesOf(card.accountId)).toBe(4); // the top-up and three sales
    expect(await balanceOf(card.accountId)).toBe(100_000 - 15_000 - 7_500 - 750);
    const [hold] = await t.db.query<{ open: boolean }>(`SELECT bool_or(hold_open) AS open FROM fueling.authorization WHERE card_number = $1`, [
      card.cardNumber,
    ]);
    expect(hold!.open).toBe(false);
  });

  it('lists sales newest first with their anomalies', async () => {
    const card = await fundedCard(500_000);
    await storeSale(t, { pumpId, counter: 9001, cardNumber: card.cardNumber, volumeMl: 10_000, amountMinor: 9_999 });
    await settle();
    const page = await t.data<{ fuelTransactions: { edges: { node: { counter: number; offline: boolean; anomalies: { code: string }[] } }[] } }>(
      `query($f: FuelSaleFilter) { fuelTransactions(filter: $f, first: 5) { edges { node { counter offline anomalies { code } } } } }`,
      { f: { cardId: card.id } },
    );
    expect(page.fuelTransactions.edges).toEqual([{ node: { counter: 9001, offline: true, anomalies: [{ code: 'PRICE_VOLUME_MISMATCH' }] } }]);
    const byNumber = await t.data<{ fuelTransactions: { edges: { node: { counter: number } }[] } }>(
      `query($f: FuelSaleFilter) { fuelTransactions(filter: $f, first: 5) { edges { node { counter } } } }`,
      { f: { cardNumber: card.cardNumber } },
    );
    expect(byNumber.fuelTransactions.edges).toEqual([{ node: { counter: 9001 } }]);
  });

  it('debits an offline sale past its account’s money as far as it can, and records the shortfall as UNFUNDED', async () => {
    const card = await fundedCard(1_000);
    await storeSale(t, { pumpId, counter: 9101, cardNumber: card.cardNumber, volumeMl: 4_000, amountMinor: 3_000 });
    await settle();
    const [sale] = await t.db.query<{ paid: boolean; anomalies: { code: string; shortfallMinor: number }[] }>(
      `SELECT journal_id IS NOT NULL AS paid, anomalies FROM fueling.sale WHERE pump_id = $1 AND counter = 9101`,
      [pumpId],
    );
    expect(sale).toEqual({ paid: true, anomalies: [{ code: 'UNFUNDED', availableMinor: 1_000, shortfallMinor: 2_000 }] });
    expect(await balanceOf(card.accountId)).toBe(0);
  });

  it('flags a sale on a card none of the company’s, which nobody pays', async () => {
    await storeSale(t, { pumpId, counter: 9102, cardNumber: newCardNumber(), volumeMl: 4_000, amountMinor: 3_000 });
    await settle();
    const [sale] = await t.db.query<{ anomalies: { code: string }[] }>(`SELECT anomalies FROM fueling.sale WHERE pump_id = $1 AND counter = 9102`, [pumpId]);
    expect(sale!.anomalies).toEqual([{ code: 'CARD_UNKNOWN' }]);
  });

  it('settles a sale the intake passed over (its batch committed behind the cursor) on the next sweep', async () => {
    const card = await fundedCard(10_000);
    await settle();
    // Stored as a slow batch would be: received a minute ago, after the cursor moved past that time.
    await t.db.query(
      `INSERT INTO twins.pump_transaction (id, time, tenant_id, pump_id, counter, card_number, nozzle, grade, volume_ml, unit_price_minor, amount_minor,
                                           totalizer_start_ml, totalizer_end_ml, started_at, ended_at, received_at)
       VALUES (gen_random_uuid(), now(), $1, $2, 9103, $3, 1, '92#', 1000, 745, 745, 0, 1000, now() - interval '2 minutes', now(), now() - interval '1 minute')`,
      [DEMO_TENANT_ID, pumpId, card.cardNumber],
    );
    await settle();
    expect(await t.db.query(`SELECT 1 FROM fueling.sale WHERE pump_id = $1 AND counter = 9103`, [pumpId])).toHaveLength(0);
    expect(await t.service.services.sales.intake.sweepSales()).toBeGreaterThanOrEqual(1);
    expect(await balanceOf(card.accountId)).toBe(10_000 - 745);
  });

  it('greys a card whose sale was cut off, and clears it the moment its record arrives', async () => {
    const card = await fundedCard(100_000);
    await authorize({ pumpId, cardNumber: card.cardNumber, presetMinor: 40_000 });
    // The power went: no record yet. Past its time the card goes grey, the money stays held.
    expect(await reviewOpenHolds(t.db, { greyAfterMs: 0, expireAfterMs: 3_600_000 })).toBeGreaterThanOrEqual(1);
    expect(await greyChanges(card.cardNumber)).toEqual(['ADD']);
    expect(await authorize({ pumpId: otherPumpId, cardNumber: card.cardNumber })).toMatchObject({ decision: 'AUTHORIZE', limitMinor: 60_000 });
    // Power back: the pump uploads the sale it had started.
    await storeSale(t, { pumpId, counter: 9201, cardNumber: card.cardNumber, volumeMl: 16_000, amountMinor: 12_000, startedAt: new Date(Date.now() - 60_000) });
    await settle();
    expect(await greyChanges(card.cardNumber)).toEqual(['ADD', 'REMOVE']);
    expect(await balanceOf(card.accountId)).toBe(88_000);
  });
});
