import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TENANT_ID } from '@hearth/platform';
import { startMeteringTestService, type MeteringTestService } from '../metering-test-service';
import { testTariff } from '../metering-test-data';
import { tariffVersionsFor } from './tariff-versions';

let t: MeteringTestService;
const errorOf = (r: { errors?: { extensions?: Record<string, unknown> }[] }) => r.errors?.[0]?.extensions;

const VERSION = `id effectiveFrom scheduled type unitPrice unitPriceE4 billingPeriod tiers { tier uptoUnits uptoMilli unitPrice unitPriceE4 }
  touPrices { period unitPrice unitPriceE4 } touSlots { days from period } holidays officialUnitPrice officialUnitPriceE4`;
const TARIFF = `id kind name markupCapPercent current { ${VERSION} } versions { ${VERSION} }`;
const CREATE = `mutation($i: CreateTariffInput!) { createTariff(input: $i) { ${TARIFF} } }`;
const ADD = `mutation($t: ID!, $v: TariffVersionInput!, $at: DateTime) { addTariffVersion(tariffId: $t, version: $v, effectiveFrom: $at) { ${TARIFF} } }`;
const GET = `query($id: ID!) { tariff(id: $id) { ${TARIFF} } }`;

interface Version {
  id: string;
  effectiveFrom: string;
  scheduled: boolean;
  unitPrice: string | null;
  unitPriceE4: number | null;
  [k: string]: unknown;
}
interface TariffView {
  id: string;
  current: Version | null;
  versions: Version[];
  [k: string]: unknown;
}
const name = () => `T-${randomUUID().slice(0, 8)}`;
const create = (i: Record<string, unknown>) => t.raw<{ createTariff: TariffView }>(CREATE, { i: { kind: 'ELECTRICITY', name: name(), ...i } });
const created = async (i: Record<string, unknown>) => {
  const res = await create(i);
  expect(res.errors).toBeUndefined();
  return res.data!.createTariff;
};
const add = (tariffId: string, v: Record<string, unknown>, at?: Date) =>
  t.raw<{ addTariffVersion: TariffView }>(ADD, { t: tariffId, v, at: at?.toISOString() ?? null });
const flat = (unitPrice: string) => ({ type: 'FLAT', unitPrice });
const auditOf = (target: string) =>
  t.db
    .query<{ action: string }>(`SELECT action FROM audit.entry WHERE domain = 'metering' AND target = $1 ORDER BY id`, [target])
    .then((r) => r.map((e) => e.action));

beforeAll(async () => {
  t = await startMeteringTestService();
}, 120_000);
afterAll(() => t?.close());

describe('creating tariffs', () => {
  it('a flat tariff, its price in yuan and in ten-thousandths, in effect from now', async () => {
    const tariff = await created({ version: flat('0.5283') });
    expect(tariff).toMatchObject({ kind: 'ELECTRICITY', markupCapPercent: null });
    expect(tariff.current).toMatchObject({ type: 'FLAT', unitPrice: '0.5283', unitPriceE4: 5283, scheduled: false, tiers: [], touSlots: [], holidays: [] });
    expect(tariff.versions).toHaveLength(1);
    expect(await auditOf(`tariff:${tariff.id}`)).toEqual(['tariff.created']);
  });

  it('a tiered residential tariff accumulating over the year, bounds in kWh and Wh', async () => {
    const tariff = await created({
      version: {
        type: 'TIERED',
        billingPeriod: 'YEAR',
        tiers: [{ uptoUnits: 2160, unitPrice: '0.5283' }, { uptoUnits: 4200.5, unitPriceE4: 5783 }, { unitPrice: '0.8283' }],
      },
    });
    expect(tariff.current).toMatchObject({
      type: 'TIERED',
      billingPeriod: 'YEAR',
      unitPrice: null,
      tiers: [
        { tier: 1, uptoUnits: 2160, uptoMilli: 2_160_000, unitPrice: '0.5283', unitPriceE4: 5283 },
        { tier: 2, uptoUnits: 4200.5, uptoMilli: 4_200_500, unitPrice: '0.5783', unitPriceE4: 5783 },
        { tier: 3, uptoUnits: null, uptoMilli: null, unitPrice: '0.8283', unitPriceE4: 8283 },
      ],
    });
  });

  it('a time-of-use tariff, its slots sorted by schedule and start, with its holidays', async () => {
    const tariff = await created({
      version: {
        type: 'TOU',
        touPrices: [
          { period: 'VALLEY', unitPrice: '0.3' },
          { period: 'PEAK', unitPrice: '0.9' },
          { period: 'FLAT', unitPriceE4: 6000 },
        ],
        touSlots: [
          { days: 'WEEKDAY', from: '08:00', period: 'PEAK' },
          { days: 'WEEKDAY', from: '00:00', period: 'VALLEY' },
          { days: 'WEEKDAY', from: '22:00', period: 'FLAT' },
          { days: 'HOLIDAY', from: '00:00', period: 'VALLEY' },
        ],
        holidays: ['2026-10-02', '2026-10-01'],
      },
    });
    expect(tariff.current).toMatchObject({
      type: 'TOU',
      touPrices: [
        { period: 'PEAK', unitPrice: '0.9000', unitPriceE4: 9000 },
        { period: 'FLAT', unitPrice: '0.6000', unitPriceE4: 6000 },
        { period: 'VALLEY', unitPrice: '0.3000', unitPriceE4: 3000 },
      ],
      touSlots: [
        { days: 'WEEKDAY', from: '00:00', period: 'VALLEY' },
        { days: 'WEEKDAY', from: '08:00', period: 'PEAK' },
        { days: 'WEEKDAY', from: '22:00', period: 'FLAT' },
        { days: 'HOLIDAY', from: '00:00', period: 'VALLEY' },
      ],
      holidays: ['2026-10-01', '2026-10-02'],
    });
  });

  it('refuses what cannot be charged with, naming the field and why', async () => {
    const cases: [Record<string, unknown>, { field: string; message: unknown }[]][] = [
      [{ type: 'FLAT' }, [{ field: 'version.unitPrice', message: 'give unitPrice (yuan, "0.5283") or unitPriceE4 (5283)' }]],
      [{ type: 'FLAT', unitPrice: '0.52831' }, [{ field: 'version.unitPrice', message: 'yuan with at most 4 decimals, as "0.5283"' }]],
      [{ type: 'FLAT', unitPrice: '0.5', unitPriceE4: 5000 }, [{ field: 'version.unitPrice', message: 'give unitPrice or unitPriceE4, not both' }]],
      [{ type: 'FLAT', unitPrice: '0.5', tiers: [{ unitPrice: '1' }] }, [{ field: 'version.tiers', message: 'a FLAT version has no tiers' }]],
      [{ type: 'TIERED', tiers: [{ unitPrice: '1' }] }, [{ field: 'version.billingPeriod', message: expect.stringMatching(/MONTH or a YEAR/) }]],
      [
        { type: 'TIERED', billingPeriod: 'MONTH', tiers: [{ uptoUnits: 200, unitPrice: '0.5' }, { uptoUnits: 100, unitPrice: '0.6' }, { unitPrice: '0.8' }] },
        [{ field: 'version', message: expect.stringMatching(/^tier 2: uptoMilli must be an integer above/) }],
      ],
      [
        { type: 'TIERED', billingPeriod: 'MONTH', tiers: [{ uptoUnits: 200, unitPrice: '0.5' }] },
        [{ field: 'version', message: expect.stringMatching(/the last tier must be unbounded/) }],
      ],
      [
        { type: 'TIERED', billingPeriod: 'MONTH', tiers: [{ uptoUnits: 0.0001, unitPrice: '0.5' }, { unitPrice: '0.6' }] },
        [{ field: 'version.tiers.0.uptoUnits', message: 'a positive number of kWh or m³ with at most 3 decimals' }],
      ],
      [
        { type: 'TOU', touPrices: [{ period: 'PEAK', unitPrice: '1' }], touSlots: [{ days: 'WEEKDAY', from: '06:00', period: 'PEAK' }] },
        [{ field: 'version', message: expect.stringMatching(/first slot must start at '00:00'/) }],
      ],
      [
        { type: 'TOU', touPrices: [{ period: 'PEAK', unitPrice: '1' }], touSlots: [{ days: 'WEEKDAY', from: '00:00', period: 'VALLEY' }] },
        [{ field: 'version', message: expect.stringMatching(/period VALLEY is used but has no price/) }],
      ],
      [
        { type: 'TOU', touPrices: [{ period: 'PEAK', unitPrice: '1' }], touSlots: [{ days: 'WEEKEND', from: '00:00', period: 'PEAK' }] },
        [{ field: 'version.touSlots', message: expect.stringMatching(/WEEKDAY schedule/) }],
      ],
      [
        { type: 'TOU', touPrices: [{ period: 'PEAK', unitPrice: '1' }], touSlots: [{ days: 'WEEKDAY', from: '24:30', period: 'PEAK' }] },
        [{ field: 'version', message: expect.stringMatching(/not a time 'HH:MM'/) }],
      ],
    ];
    for (const [version, fields] of cases) {
      expect(errorOf(await create({ version })), JSON.stringify(version)).toEqual({ code: 'BAD_USER_INPUT', fields });
    }
  });

  it('refuses a name taken as CONFLICT, and a back-dated start', async () => {
    const taken = name();
    await created({ name: taken, version: flat('1') });
    expect(errorOf(await create({ name: taken, version: flat('1') }))).toMatchObject({ code: 'CONFLICT', field: 'name' });
    expect(errorOf(await create({ effectiveFrom: new Date(Date.now() - 3_600_000).toISOString(), version: flat('1') }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'effectiveFrom' }],
    });
  });
});

describe('versions', () => {
  it('schedules a price change ahead: the old price stays current until it takes effect', async () => {
    const tariff = await created({ version: flat('0.5000') });
    const at = new Date(Date.now() + 7 * 86_400_000);
    const res = await add(tariff.id, flat('0.5500'), at);
    expect(res.errors).toBeUndefined();
    const after = res.data!.addTariffVersion;
    expect(after.current).toMatchObject({ unitPrice: '0.5000', scheduled: false });
    expect(after.versions.map((v) => [v.unitPrice, v.scheduled])).toEqual([
      ['0.5000', false],
      ['0.5500', true],
    ]);
    expect(after.versions[1]!.effectiveFrom).toBe(at.toISOString());
    // Its time comes.
    await t.db.query(`UPDATE metering.tariff_version SET effective_from = clock_timestamp() WHERE id = $1`, [after.versions[1]!.id]);
    const { tariff: now } = await t.data<{ tariff: TariffView }>(GET, { id: tariff.id });
    expect(now.current).toMatchObject({ unitPrice: '0.5500', scheduled: false });
    expect(await auditOf(`tariff:${tariff.id}`)).toEqual(['tariff.created', 'tariff-version.added']);
  });

  it('corrects a scheduled version by one at the same instant, keeping its id, and audits the correction', async () => {
    const tariff = await created({ version: flat('0.5000') });
    const at = new Date(Date.now() + 86_400_000);
    const first = (await add(tariff.id, flat('0.9999'), at)).data!.addTariffVersion.versions[1]!;
    const corrected = (await add(tariff.id, { type: 'FLAT', unitPriceE4: 5500 }, at)).data!.addTariffVersion;
    expect(corrected.versions).toHaveLength(2);
    expect(corrected.versions[1]).toMatchObject({ id: first.id, unitPrice: '0.5500' });
    expect(await auditOf(`tariff:${tariff.id}`)).toEqual(['tariff.created', 'tariff-version.added', 'tariff-version.corrected']);
  });

  it('never back-dates a version; a time within the clock slack is taken as now', async () => {
    const tariff = await created({ version: flat('0.5000') });
    expect(errorOf(await add(tariff.id, flat('0.4'), new Date(Date.now() - 86_400_000)))).toEqual({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'effectiveFrom', message: 'tariffs are never back-dated: give an instant from now on (or omit it for now)' }],
    });
    const before = Date.now();
    const res = await add(tariff.id, flat('0.6'), new Date(Date.now() - 10_000));
    const latest = res.data!.addTariffVersion.versions.at(-1)!;
    expect(new Date(latest.effectiveFrom).getTime()).toBeGreaterThanOrEqual(before - 5);
    expect(res.data!.addTariffVersion.current!.unitPrice).toBe('0.6000');
  });

  it('gives the charges every version of their tariffs, oldest first, as the rules take them', async () => {
    const a = await created({ version: flat('0.5000') });
    await add(a.id, flat('0.6000'), new Date(Date.now() + 86_400_000));
    const b = await testTariff(t);
    const foreign = await testTariff(t, { tenantId: randomUUID() });
    const versions = await tariffVersionsFor(t.db, DEMO_TENANT_ID, [a.id, b, foreign, 'nonsense']);
    expect([...versions.keys()].sort()).toEqual([a.id, b].sort());
    expect(versions.get(a.id)!.map((v) => v.structure)).toEqual([
      { type: 'FLAT', unitPriceE4: 5000 },
      { type: 'FLAT', unitPriceE4: 6000 },
    ]);
    expect(versions.get(a.id)![0]!.effectiveFrom).toBeInstanceOf(Date);
  });
});

describe('a landlord’s resale tariff with a mark-up cap', () => {
  it('takes prices up to the official price plus the cap, and refuses any above it', async () => {
    const capped = await created({ markupCapPercent: 10, version: { ...flat('0.6600'), officialUnitPrice: '0.6000' } });
    expect(capped).toMatchObject({ markupCapPercent: 10, current: { officialUnitPrice: '0.6000', officialUnitPriceE4: 6000 } });
    const above = await add(capped.id, { ...flat('0.6601'), officialUnitPrice: '0.6000' });
    expect(errorOf(above)).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'version', message: expect.stringMatching(/^¥0.6601 is more than the official ¥0.6000 plus the 10 % resale mark-up cap/) }],
    });
    const tiered = await add(capped.id, {
      type: 'TIERED',
      billingPeriod: 'MONTH',
      tiers: [{ uptoUnits: 100, unitPrice: '0.6' }, { unitPrice: '0.7' }],
      officialUnitPrice: '0.6',
    });
    expect(errorOf(tiered)).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'version', message: expect.stringMatching(/^¥0.7000 is more/) }] });
  });

  it('needs the official price with every version of a capped tariff', async () => {
    expect(errorOf(await create({ markupCapPercent: 15, version: flat('0.6') }))).toEqual({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'version.officialUnitPrice', message: 'give officialUnitPrice (yuan, "0.5283") or officialUnitPriceE4 (5283)' }],
    });
    expect(errorOf(await create({ markupCapPercent: 12.345, version: { ...flat('0.6'), officialUnitPrice: '0.6' } }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'markupCapPercent', message: 'at most 2 decimals' }],
    });
  });
});

describe('tenancy and lists', () => {
  it('lists your tariffs by kind, a page at a time, and none of another company’s', async () => {
    const other = await t.as({ tenantId: randomUUID() });
    const gasName = name();
    const { createTariff: theirs } = await t.data<{ createTariff: { id: string } }>(CREATE, { i: { kind: 'GAS', name: gasName, version: flat('3.2') } }, other);
    const mine = await created({ kind: 'GAS', version: flat('3.1') });
    const LIST = `query($k: MeterKind, $first: Int, $after: String) { tariffs(kind: $k, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id kind } } } }`;
    type Page = { tariffs: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; edges: { node: { id: string; kind: string } }[] } };
    const { tariffs } = await t.data<Page>(LIST, { k: 'GAS', first: 200 });
    expect(tariffs.edges.map((e) => e.node.id)).toContain(mine.id);
    expect(tariffs.edges.map((e) => e.node.id)).not.toContain(theirs.id);
    expect(tariffs.edges.every((e) => e.node.kind === 'GAS')).toBe(true);
    const first = await t.data<Page>(LIST, { first: 1 });
    const second = await t.data<Page>(LIST, { first: 1, after: first.tariffs.pageInfo.endCursor });
    expect(second.tariffs.edges[0]!.node.id).not.toBe(first.tariffs.edges[0]!.node.id);

    expect((await t.data<{ tariff: null }>(GET, { id: theirs.id })).tariff).toBeNull();
    expect(errorOf(await add(theirs.id, flat('0.1')))).toEqual({ code: 'NOT_FOUND', entity: 'Tariff', id: theirs.id });
    // Even a version that is itself refused: whose tariff comes first.
    expect(errorOf(await add(theirs.id, { type: 'FLAT' }))).toEqual({ code: 'NOT_FOUND', entity: 'Tariff', id: theirs.id });
    const [count] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM metering.tariff_version WHERE tariff_id = $1`, [theirs.id]);
    expect(count!.n).toBe(1);
    // A name is the company's own.
    expect((await create({ kind: 'GAS', name: gasName, version: flat('3') })).errors).toBeUndefined();
  });
});
