import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TENANT_ID } from '@hearth/platform';
import { randomUUID } from 'node:crypto';
import { startFuelingTestService, type FuelingTestService } from '../fueling-test-service';
import { priceInEffect } from './prices';

let t: FuelingTestService;
let n = 0;
const gql = <T>(query: string, variables: Record<string, unknown> = {}, as?: Record<string, string>) => t.data<T>(query, variables, as);
const raw = <T>(query: string, variables: Record<string, unknown> = {}, as?: Record<string, string>) => t.raw<T>(query, variables, as);
const errorOf = (r: { errors?: { extensions?: Record<string, unknown> }[] }) => r.errors?.[0]?.extensions;

const SAVE_STATION = `mutation($input: SaveFuelStationInput!) { saveFuelStation(input: $input) { id offlineCardWindowMinutes offlineCardsAccepted } }`;
const REGISTER_PUMP = `mutation($input: RegisterPumpInput!) { registerPump(input: $input) { id dispenser name station { id } nozzles { number grade { code name } tankId } } }`;
const SET_PRICE = `mutation($input: SetFuelPriceInput!) { setFuelPrice(input: $input) { id stationId unitPriceMinor effectiveAt } }`;
const PRICES = `query($s: ID!, $at: DateTime) { fuelPrices(stationId: $s, at: $at) { grade { code } stationId unitPriceMinor effectiveAt } }`;

const station = async (tenantId?: string) => {
  const siteId = await t.site(tenantId);
  const headers = tenantId ? await t.as({ tenantId }) : undefined;
  await gql(SAVE_STATION, { input: { siteId } }, headers);
  return siteId;
};
const tank = async (siteId: string, tenantId = DEMO_TENANT_ID) => {
  const [row] = await t.db.query<{ id: string }>(
    `INSERT INTO tanks.tank (tenant_id, site_id, name, product, capacity_liters, density_kg_per_l) VALUES ($1, $2, $3, 'GASOLINE', 30000, 0.74) RETURNING id::text`,
    [tenantId, siteId, `T${(n += 1)}`],
  );
  return row!.id;
};
/** A grade of its own per test, so prices set by one test never decide another's. */
const grade = async () => {
  const code = `G${(n += 1)}`;
  await gql(`mutation($input: SaveFuelGradeInput!) { saveFuelGrade(input: $input) { code } }`, { input: { code, name: code, product: 'GASOLINE' } });
  return code;
};
const setPrice = async (input: Record<string, unknown>) => (await gql<{ setFuelPrice: { id: string } }>(SET_PRICE, { input })).setFuelPrice;
const priceOf = async (stationId: string, code: string, at?: Date) => {
  const { fuelPrices } = await gql<{ fuelPrices: { grade: { code: string }; unitPriceMinor: number; stationId: string | null }[] }>(PRICES, {
    s: stationId,
    at: at?.toISOString(),
  });
  return fuelPrices.find((p) => p.grade.code === code) ?? null;
};

beforeAll(async () => {
  t = await startFuelingTestService();
}, 60_000);
afterAll(() => t?.close());

describe('grades', () => {
  it('gives a company on first use the GB 17930 / GB 19147 / GB 19159 grades', async () => {
    const fresh = await t.as({ tenantId: randomUUID() });
    const { fuelGrades } = await gql<{ fuelGrades: { code: string; product: string }[] }>(`{ fuelGrades { code product } }`, {}, fresh);
    expect(fuelGrades).toEqual([
      { code: '0#', product: 'DIESEL' },
      { code: '92#', product: 'GASOLINE' },
      { code: '95#', product: 'GASOLINE' },
      { code: '98#', product: 'GASOLINE' },
      { code: 'LPG', product: 'LPG' },
    ]);
  });
});

describe('stations', () => {
  it('refuses a station on another company’s site as NOT_FOUND', async () => {
    const foreign = await t.site(randomUUID());
    expect(errorOf(await raw(SAVE_STATION, { input: { siteId: foreign } }))).toMatchObject({ code: 'NOT_FOUND', entity: 'Site' });
  });

  it('takes no cards offline at a station whose controller never confirmed a card list', async () => {
    const siteId = await t.site();
    const { saveFuelStation } = await gql<{ saveFuelStation: { offlineCardsAccepted: boolean } }>(SAVE_STATION, { input: { siteId } });
    expect(saveFuelStation.offlineCardsAccepted).toBe(false);
    await t.db.query(`UPDATE fueling.station SET card_list_version = 7, card_list_confirmed_at = now() WHERE site_id = $1`, [siteId]);
    const { fuelStation } = await gql<{ fuelStation: { offlineCardsAccepted: boolean; cardListVersion: number } }>(
      `query($id: ID!) { fuelStation(id: $id) { offlineCardsAccepted cardListVersion } }`,
      { id: siteId },
    );
    expect(fuelStation).toEqual({ offlineCardsAccepted: true, cardListVersion: 7 });
  });
});

describe('pumps', () => {
  it('registers a pump with its nozzles, and registering it again replaces them', async () => {
    const s = await station();
    const tk = await tank(s);
    const id = `pump-${randomUUID().slice(0, 8)}`;
    const input = {
      id,
      stationId: s,
      dispenser: 'D1',
      name: 'Pump 1',
      nozzles: [
        { number: 1, gradeCode: '92#', tankId: tk },
        { number: 2, gradeCode: '0#' },
      ],
    };
    const first = await gql<{ registerPump: { nozzles: unknown[] } }>(REGISTER_PUMP, { input });
    expect(first.registerPump).toMatchObject({
      id,
      station: { id: s },
      nozzles: [
        { number: 1, grade: { code: '92#' }, tankId: tk },
        { number: 2, tankId: null },
      ],
    });
    const again = await gql<{ registerPump: unknown }>(REGISTER_PUMP, { input: { ...input, name: 'Pump 1A', nozzles: [{ number: 3, gradeCode: '95#' }] } });
    expect(again.registerPump).toMatchObject({ name: 'Pump 1A', nozzles: [{ number: 3, grade: { code: '95#' }, tankId: null }] });
    const { _entities } = await gql<{ _entities: unknown[] }>(`query($r: [_Any!]!) { _entities(representations: $r) { ... on Pump { id name } } }`, {
      r: [{ __typename: 'Pump', id }],
    });
    expect(_entities).toEqual([{ id, name: 'Pump 1A' }]);
  });

  it('gives a pump id to one company only: CONFLICT for another', async () => {
    const id = `pump-${randomUUID().slice(0, 8)}`;
    const pump = (stationId: string) => ({ input: { id, stationId, dispenser: 'D1', name: 'P', nozzles: [{ number: 1, gradeCode: '92#' }] } });
    await gql(REGISTER_PUMP, pump(await station()));
    const other = randomUUID();
    const refused = await raw(REGISTER_PUMP, pump(await station(other)), await t.as({ tenantId: other }));
    expect(errorOf(refused)).toMatchObject({ code: 'CONFLICT', field: 'id' });
  });

  it('refuses a nozzle drawing from another company’s tank as NOT_FOUND', async () => {
    const other = randomUUID();
    const theirs = await tank(await t.site(other), other);
    const input = {
      id: `pump-${randomUUID().slice(0, 8)}`,
      stationId: await station(),
      dispenser: 'D1',
      name: 'P',
      nozzles: [{ number: 1, gradeCode: '92#', tankId: theirs }],
    };
    expect(errorOf(await raw(REGISTER_PUMP, { input }))).toMatchObject({ code: 'NOT_FOUND', entity: 'Tank' });
  });

  it('refuses a nozzle drawing from a tank at another site of the company', async () => {
    const elsewhere = await tank(await t.site());
    const input = {
      id: `pump-${randomUUID().slice(0, 8)}`,
      stationId: await station(),
      dispenser: 'D1',
      name: 'P',
      nozzles: [{ number: 1, gradeCode: '92#', tankId: elsewhere }],
    };
    expect(errorOf(await raw(REGISTER_PUMP, { input }))).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'nozzles.0.tankId' }] });
  });
});

describe('prices', () => {
  it('changes price at exactly its instant: the old price before it, the new one from it', async () => {
    const [s, g] = [await station(), await grade()];
    await setPrice({ gradeCode: g, unitPriceMinor: 780 });
    const at = new Date(Date.now() + 3_600_000);
    await setPrice({ gradeCode: g, unitPriceMinor: 815, effectiveAt: at.toISOString() });
    expect((await priceOf(s, g, new Date(at.getTime() - 1)))?.unitPriceMinor).toBe(780);
    expect((await priceOf(s, g, at))?.unitPriceMinor).toBe(815);
    expect(await priceInEffect(t.db, DEMO_TENANT_ID, s, g, at)).toBe(815);
  });

  it('prefers the newest entry in effect, the station’s own on a tie with the company’s', async () => {
    const [s, g] = [await station(), await grade()];
    const at = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
    await setPrice({ gradeCode: g, unitPriceMinor: 800, effectiveAt: at(10) });
    await setPrice({ gradeCode: g, stationId: s, unitPriceMinor: 790, effectiveAt: at(20) });
    await setPrice({ gradeCode: g, unitPriceMinor: 820, effectiveAt: at(30) });
    const t40 = at(40);
    await setPrice({ gradeCode: g, unitPriceMinor: 830, effectiveAt: t40 });
    await setPrice({ gradeCode: g, stationId: s, unitPriceMinor: 825, effectiveAt: t40 });
    const priceAtMinute = async (m: number) => (await priceOf(s, g, new Date(at(m))))?.unitPriceMinor ?? null;
    expect([await priceAtMinute(5), await priceAtMinute(15), await priceAtMinute(25), await priceAtMinute(35), await priceAtMinute(45)]).toEqual([
      null,
      800,
      790,
      820,
      825,
    ]);
    // Another station of the company has only the company's prices.
    expect((await priceOf(await station(), g, new Date(at(45))))?.unitPriceMinor).toBe(830);
  });

  it('refuses a back-dated price', async () => {
    const refused = await raw(SET_PRICE, { input: { gradeCode: '92#', unitPriceMinor: 800, effectiveAt: new Date(Date.now() - 120_000).toISOString() } });
    expect(errorOf(refused)).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'effectiveAt' }] });
  });

  it('replaces a scheduled change by one of the same instant before it takes effect', async () => {
    const [s, g] = [await station(), await grade()];
    const at = new Date(Date.now() + 3_600_000).toISOString();
    await setPrice({ gradeCode: g, unitPriceMinor: 910, effectiveAt: at });
    await setPrice({ gradeCode: g, unitPriceMinor: 901, effectiveAt: at });
    expect((await priceOf(s, g, new Date(at)))?.unitPriceMinor).toBe(901);
  });

  it('lists price changes still to come, soonest first', async () => {
    const [s, g] = [await station(), await grade()];
    const later = new Date(Date.now() + 7_200_000).toISOString();
    const sooner = new Date(Date.now() + 3_600_000).toISOString();
    await setPrice({ gradeCode: g, unitPriceMinor: 700 });
    await setPrice({ gradeCode: g, stationId: s, unitPriceMinor: 720, effectiveAt: later });
    await setPrice({ gradeCode: g, unitPriceMinor: 710, effectiveAt: sooner });
    const { scheduledFuelPrices } = await gql<{ scheduledFuelPrices: { edges: { node: { unitPriceMinor: number; grade: { code: string } } }[] } }>(
      `query($s: ID) { scheduledFuelPrices(stationId: $s, first: 200) { edges { node { unitPriceMinor grade { code } } } } }`,
      { s },
    );
    expect(scheduledFuelPrices.edges.filter((e) => e.node.grade.code === g).map((e) => e.node.unitPriceMinor)).toEqual([710, 720]);
  });
});

describe('audit', () => {
  it('records each change under the fueling domain, with what it was and what it became', async () => {
    const s = await station();
    const id = `pump-${randomUUID().slice(0, 8)}`;
    await gql(REGISTER_PUMP, { input: { id, stationId: s, dispenser: 'D1', name: 'P', nozzles: [{ number: 1, gradeCode: '92#' }] } });
    await setPrice({ gradeCode: '92#', stationId: s, unitPriceMinor: 777 });
    const rows = await t.db.query<{ action: string; target: string }>(
      `SELECT action, target FROM audit.entry WHERE domain = 'fueling' AND target IN ($1, $2, $3) ORDER BY id`,
      [`fuel-station:${s}`, `pump:${id}`, `fuel-price:92#:station:${s}`],
    );
    expect(rows.map((r) => r.action)).toEqual(['fuel-station.saved', 'pump.registered', 'fuel-price.set']);
  });
});

describe('scopes', () => {
  it('lets a viewer (fueling:read) read and not write', async () => {
    const viewer = await t.as({ scopes: ['fueling:read'] });
    expect(errorOf(await raw(`{ fuelGrades { code } }`, {}, viewer))).toBeUndefined();
    const refused = await raw(`mutation { saveFuelGrade(input: { code: "V1", name: "V", product: DIESEL }) { code } }`, {}, viewer);
    expect(errorOf(refused)).toMatchObject({ code: 'FORBIDDEN', requiredScope: 'fueling:write' });
  });
});
