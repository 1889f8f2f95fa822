import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testCustomer } from '@hearth/testkit/test-customers';
import { startFuelingTestService, type FuelingTestService } from '../fueling-test-service';
import { ISSUE, newCardNumber, payIn } from '../fueling-test-data';

let t: FuelingTestService;
interface Card {
  id: string;
  cardNumber: string;
  accountId: string;
  status: string;
  kind: string;
  masterCardId: string | null;
}
const issue = async (i: Record<string, unknown>) => (await t.data<{ issueFuelCard: Card }>(ISSUE, { i: { cardNumber: newCardNumber(), ...i } })).issueFuelCard;
const codeOf = async (query: string, variables: Record<string, unknown>) => (await t.raw(query, variables)).errors?.[0]?.extensions?.code;
const listAfter = async (version: number) =>
  (
    await t.data<{
      fuelCardListChanges: { headVersion: number; changes: { version: number; list: string; cardNumber: string; op: string; reason: string }[] };
    }>(`query($v: Int!) { fuelCardListChanges(afterVersion: $v) { headVersion changes { version list cardNumber op reason } } }`, { v: version })
  ).fuelCardListChanges;

beforeAll(async () => {
  t = await startFuelingTestService();
});
afterAll(async () => {
  await t?.close();
});

describe('fuel cards', () => {
  it('issues a named card paying from its holder’s wallet, and shows what it can pay', async () => {
    const holder = await testCustomer(t.db);
    const card = await issue({ kind: 'NAMED', customerId: holder.id });
    expect(card).toMatchObject({ accountId: holder.walletId, status: 'ACTIVE' });
    await payIn(t, holder.walletId, 50_000);
    const read = await t.data<{ fuelCard: { funds: { balanceMinor: number; availableMinor: number }; holder: { id: string } } }>(
      `query($id: ID!) { fuelCard(id: $id) { funds { balanceMinor availableMinor } holder { id } } }`,
      { id: card.id },
    );
    expect(read.fuelCard).toEqual({ funds: { balanceMinor: 50_000, availableMinor: 50_000 }, holder: { id: holder.id } });
  });

  it('gives an anonymous card a wallet of its own', async () => {
    const card = await issue({ kind: 'ANONYMOUS' });
    const [account] = await t.db.query<{ type: string; ownerRef: string }>(`SELECT type, owner_ref AS "ownerRef" FROM ledger.account WHERE id = $1`, [
      card.accountId,
    ]);
    expect(account).toEqual({ type: 'CUSTOMER_WALLET', ownerRef: `fuel-card:${card.id}` });
  });

  it('lets a sub-card pay from its master card’s account, and refuses one without a master card', async () => {
    const company = await testCustomer(t.db, { creditLimitMinor: 1_000_000 });
    const master = await issue({ kind: 'MASTER', customerId: company.id, funding: 'CREDIT' });
    const sub = await issue({ kind: 'SUB', masterCardId: master.id, limits: [{ period: 'DAY', maxAmountMinor: 30_000 }], plate: '粤B·12345' });
    expect(sub).toMatchObject({ accountId: company.walletId, masterCardId: master.id });
    expect(await codeOf(ISSUE, { i: { cardNumber: newCardNumber(), kind: 'SUB' } })).toBe('BAD_USER_INPUT');
    const limits = await t.data<{ fuelCard: { limits: { period: string; maxAmountMinor: number; usedAmountMinor: number; fromMasterCard: boolean }[] } }>(
      `query($id: ID!) { fuelCard(id: $id) { limits { period maxAmountMinor usedAmountMinor fromMasterCard } } }`,
      { id: sub.id },
    );
    expect(limits.fuelCard.limits).toEqual([{ period: 'DAY', maxAmountMinor: 30_000, usedAmountMinor: 0, fromMasterCard: false }]);
  });

  it('refuses a card for a blacklisted customer, and a number issued already', async () => {
    const blacklisted = await testCustomer(t.db, { blacklisted: true });
    expect(await codeOf(ISSUE, { i: { cardNumber: newCardNumber(), kind: 'NAMED', customerId: blacklisted.id } })).toBe('CUSTOMER_BLACKLISTED');
    const holder = await testCustomer(t.db);
    const card = await issue({ kind: 'NAMED', customerId: holder.id });
    expect(await codeOf(ISSUE, { i: { cardNumber: card.cardNumber, kind: 'NAMED', customerId: holder.id } })).toBe('CONFLICT');
  });

  it('puts a lost card on the blacklist once, as the next numbered increment', async () => {
    const before = (await listAfter(0)).headVersion;
    const card = await issue({ kind: 'NAMED', customerId: (await testCustomer(t.db)).id });
    const lost = `mutation($id: ID!) { reportCardLost(cardId: $id) { status } }`;
    expect((await t.data<{ reportCardLost: { status: string } }>(lost, { id: card.id })).reportCardLost.status).toBe('LOST');
    await t.data(lost, { id: card.id });
    const after = await listAfter(before);
    expect(after.changes).toEqual([{ version: before + 1, list: 'BLACK', cardNumber: card.cardNumber, op: 'ADD', reason: 'LOST' }]);
    expect(after.headVersion).toBe(before + 1);
  });

  it('will not block (and so unblock) a card reported lost: it is reissued instead', async () => {
    const card = await issue({ kind: 'NAMED', customerId: (await testCustomer(t.db)).id });
    await t.data(`mutation($id: ID!) { reportCardLost(cardId: $id) { id } }`, { id: card.id });
    expect(await codeOf(`mutation($id: ID!) { blockFuelCard(cardId: $id) { id } }`, { id: card.id })).toBe('CONFLICT');
  });

  it('reissues a lost card: the new one keeps balance, limits and sub-cards; the old one is replaced', async () => {
    const company = await testCustomer(t.db);
    await payIn(t, company.walletId, 12_345);
    const master = await issue({ kind: 'MASTER', customerId: company.id, limits: [{ period: 'MONTH', maxVolumeMl: 500_000 }] });
    const sub = await issue({ kind: 'SUB', masterCardId: master.id });
    await t.data(`mutation($id: ID!) { reportCardLost(cardId: $id) { id } }`, { id: master.id });
    const number = newCardNumber();
    const renewed = (
      await t.data<{ reissueFuelCard: { id: string; status: string; funds: { balanceMinor: number }; limits: { period: string; maxVolumeMl: number }[] } }>(
        `mutation($id: ID!, $n: String!) { reissueFuelCard(cardId: $id, newCardNumber: $n) { id status funds { balanceMinor } limits { period maxVolumeMl } } }`,
        { id: master.id, n: number },
      )
    ).reissueFuelCard;
    expect(renewed).toMatchObject({ status: 'ACTIVE', funds: { balanceMinor: 12_345 }, limits: [{ period: 'MONTH', maxVolumeMl: 500_000 }] });
    const old = await t.data<{ fuelCard: { status: string; replacedById: string } }>(`query($id: ID!) { fuelCard(id: $id) { status replacedById } }`, {
      id: master.id,
    });
    expect(old.fuelCard).toEqual({ status: 'REPLACED', replacedById: renewed.id });
    const moved = await t.data<{ fuelCard: { masterCardId: string } }>(`query($id: ID!) { fuelCard(id: $id) { masterCardId } }`, { id: sub.id });
    expect(moved.fuelCard.masterCardId).toBe(renewed.id);
  });

  it('lists cards by holder and number prefix, and audits each change', async () => {
    const holder = await testCustomer(t.db);
    const card = await issue({ kind: 'NAMED', customerId: holder.id });
    const page = await t.data<{ fuelCards: { totalCount: number; edges: { node: { id: string } }[] } }>(
      `query($f: FuelCardFilter) { fuelCards(filter: $f) { totalCount edges { node { id } } } }`,
      { f: { customerId: holder.id, cardNumberPrefix: card.cardNumber.slice(0, 6) } },
    );
    expect(page.fuelCards).toEqual({ totalCount: 1, edges: [{ node: { id: card.id } }] });
    const audit = await t.db.query(`SELECT 1 FROM audit.entry WHERE target = $1 AND action = 'fuel-card.issued'`, [`fuel-card:${card.id}`]);
    expect(audit).toHaveLength(1);
  });

  it('records the list version a station confirms, never going back, and refuses one past the newest', async () => {
    const siteId = await t.site();
    await t.data(`mutation($i: SaveFuelStationInput!) { saveFuelStation(input: $i) { id } }`, { i: { siteId } });
    await issue({ kind: 'NAMED', customerId: (await testCustomer(t.db)).id }).then((c) =>
      t.data(`mutation($id: ID!) { blockFuelCard(cardId: $id) { id } }`, { id: c.id }),
    );
    const head = (await listAfter(0)).headVersion;
    const confirm = `mutation($s: ID!, $v: Int!) { confirmFuelCardList(stationId: $s, version: $v) { version headVersion } }`;
    expect((await t.data<{ confirmFuelCardList: unknown }>(confirm, { s: siteId, v: head })).confirmFuelCardList).toEqual({ version: head, headVersion: head });
    expect((await t.data<{ confirmFuelCardList: { version: number } }>(confirm, { s: siteId, v: head - 1 })).confirmFuelCardList.version).toBe(head);
    expect(await codeOf(confirm, { s: siteId, v: head + 1 })).toBe('BAD_USER_INPUT');
    const station = await t.data<{ fuelStation: { cardListVersion: number; offlineCardsAccepted: boolean } }>(
      `query($s: ID!) { fuelStation(id: $s) { cardListVersion offlineCardsAccepted } }`,
      { s: siteId },
    );
    expect(station.fuelStation).toEqual({ cardListVersion: head, offlineCardsAccepted: true });
  });

  it('needs fueling:write to issue', async () => {
    const viewer = await t.as({ scopes: ['fueling:read'] });
    const res = await t.raw(ISSUE, { i: { cardNumber: newCardNumber(), kind: 'ANONYMOUS' } }, viewer);
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
