import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClientSchema, getIntrospectionQuery, type IntrospectionQuery } from 'graphql';
import { DEMO_TENANT_ID } from '@hearth/platform';
import { waitUntil } from '@hearth/testkit/eventually';
import { undocumented } from '@hearth/testkit/schema-documentation';
import { testCustomer } from '@hearth/testkit/test-customers';
import { startMeteringTestService, type MeteringTestService } from '../metering-test-service';
import { BIND_METER, boundTestMeter, newSerial, payIn, REGISTER_METER, testMeter, testTariff } from '../metering-test-data';

let t: MeteringTestService;
const errorOf = (r: { errors?: { extensions?: Record<string, unknown> }[] }) => r.errors?.[0]?.extensions;
const register = (i: Record<string, unknown>, headers?: Record<string, string>) => t.raw<{ registerMeter: { id: string } }>(REGISTER_METER, { i }, headers);
const IMPORT = `mutation($f: ImportFormat!, $d: String!, $defaults: MeterImportDefaults) {
  importMeters(format: $f, data: $d, defaults: $defaults) { rows imported rejectedRows importId problems { row line field message } } }`;
const METERS = `query($f: MeterFilter, $first: Int, $after: String) {
  meters(filter: $f, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id serial name kind balanceMinor supplyProtected } } } }`;
const PROTECT = `mutation($m: ID!, $p: Boolean!, $r: String, $u: DateTime) {
  setMeterSupplyProtection(meterId: $m, protected: $p, reason: $r, until: $u) { id supplyProtected protectedReason protectedUntil } }`;
const METER = `query($id: ID!) { meter(id: $id) { id kind serial name site { id } customer { id } accountId tariff { id name kind } supplyProtected
  protectedReason protectedUntil relayIntended alarmLevel balanceMinor replacedBy { id } createdAt } }`;

type Page = { meters: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: { id: string; serial: string } }[] } };
const list = (f: Record<string, unknown>, first = 50, after?: string | null, headers?: Record<string, string>) =>
  t.data<Page>(METERS, { f, first, after }, headers).then((r) => r.meters);
const serialsOf = (page: Page['meters']) => page.edges.map((e) => e.node.serial);
const auditOf = (target: string) =>
  t.db.query<{ action: string; details: Record<string, unknown> }>(
    `SELECT action, details FROM audit.entry WHERE domain = 'metering' AND target = $1 ORDER BY id`,
    [target],
  );

beforeAll(async () => {
  t = await startMeteringTestService();
}, 120_000);
afterAll(() => t?.close());

describe('registering a meter', () => {
  it('registers an electricity meter by its DL/T 645 address at a site of yours, unbound, and audits it', async () => {
    const siteId = await t.site();
    const serial = newSerial();
    const { registerMeter } = await t.data<{ registerMeter: Record<string, unknown> }>(REGISTER_METER, {
      i: { kind: 'ELECTRICITY', serial, name: ' Shop B1-023 ', siteId },
    });
    expect(registerMeter).toMatchObject({
      kind: 'ELECTRICITY',
      serial,
      name: 'Shop B1-023',
      site: { id: siteId },
      accountId: null,
      balanceMinor: null,
      supplyProtected: false,
      relayIntended: 'CLOSED',
      alarmLevel: 'NONE',
    });
    const { meterBySerial } = await t.data<{ meterBySerial: { id: string } }>(`query($s: String!) { meterBySerial(serial: $s) { id } }`, { s: serial });
    expect(meterBySerial.id).toBe(registerMeter.id);
    expect(await auditOf(`meter:${String(registerMeter.id)}`)).toMatchObject([{ action: 'meter.registered', details: { serial, siteId } }]);
  });

  it('registers a gas meter by its printed serial, with no site', async () => {
    const res = await register({ kind: 'GAS', serial: 'G4-2026-00017', name: 'Flat 3-201' });
    expect(res.errors).toBeUndefined();
  });

  it('refuses an electricity address that is not 12 digits, naming the field', async () => {
    for (const serial of ['12345678901', '1234567890123', '12345678901A']) {
      expect(errorOf(await register({ kind: 'ELECTRICITY', serial, name: 'x' }))).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'serial', message: expect.stringMatching(/12 digits/) }],
      });
    }
    expect(errorOf(await register({ kind: 'GAS', serial: 'G 1', name: '' }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [
        { field: 'serial', message: '1–32 letters, digits or dashes' },
        { field: 'name', message: 'is empty' },
      ],
    });
  });

  it('refuses a serial registered already as CONFLICT, but another company may use it', async () => {
    const { serial } = await testMeter(t);
    expect(errorOf(await register({ kind: 'ELECTRICITY', serial, name: 'again' }))).toMatchObject({ code: 'CONFLICT', field: 'serial' });
    const other = await t.as({ tenantId: randomUUID() });
    expect((await register({ kind: 'ELECTRICITY', serial, name: 'theirs' }, other)).errors).toBeUndefined();
  });

  it('refuses another company’s site as NOT_FOUND', async () => {
    const foreign = await t.site(randomUUID());
    expect(errorOf(await register({ kind: 'ELECTRICITY', serial: newSerial(), name: 'x', siteId: foreign }))).toMatchObject({
      code: 'NOT_FOUND',
      entity: 'Site',
      id: foreign,
    });
  });
});

describe('importing meters', () => {
  it('registers a mall of 10,000 meters from one CSV file, kind and site from the defaults', async () => {
    const siteId = await t.site();
    // 950… to 990…: apart from `newSerial`'s range.
    const first = 950_000_000_000 + Math.floor(Math.random() * 4_000_000) * 10_000;
    const lines = Array.from({ length: 10_000 }, (_, i) => `${first + i},Shop ${String(i + 1).padStart(5, '0')}`);
    const data = ['serial,name', ...lines].join('\n');
    expect(data.length).toBeLessThan(1_048_576);
    const { importMeters } = await t.data<{ importMeters: { rows: number; imported: number; problems: unknown[]; importId: string } }>(IMPORT, {
      f: 'CSV',
      d: data,
      defaults: { kind: 'ELECTRICITY', siteId },
    });
    expect(importMeters).toMatchObject({ rows: 10_000, imported: 10_000, problems: [] });
    const page = await list({ siteId }, 200);
    expect(page.totalCount).toBe(10_000);
    expect(serialsOf(page).slice(0, 2)).toHaveLength(2);
    const [entry] = await auditOf(`import:${importMeters.importId}`);
    expect(entry).toMatchObject({ action: 'meters.imported', details: { imported: 10_000, format: 'CSV' } });
  }, 120_000);

  it('imports nothing from a file with any bad row, and names every problem by row, line and column', async () => {
    const siteId = await t.site();
    const foreignSite = await t.site(randomUUID());
    const { serial: taken } = await testMeter(t);
    const [a, b] = [newSerial(), newSerial()];
    const data = [
      'Kind,SERIAL,name,siteId',
      `ELECTRICITY,${a},Shop 1,`,
      `ELECTRICITY,1234,Shop 2,`,
      `ELECTRICITY,${a},Shop 3,`,
      `ELECTRICITY,${taken},Shop 4,`,
      `ELECTRICITY,${b},Shop 5,${foreignSite}`,
      `STEAM,${newSerial()},,`,
    ].join('\n');
    const { importMeters } = await t.data<{ importMeters: { imported: number; rejectedRows: number; problems: unknown[] } }>(IMPORT, {
      f: 'CSV',
      d: data,
      defaults: { siteId },
    });
    expect(importMeters).toMatchObject({ imported: 0, rejectedRows: 5 });
    expect(importMeters.problems).toEqual([
      { row: 2, line: 3, field: 'serial', message: 'an electricity meter’s serial is its DL/T 645 address: 12 digits' },
      { row: 3, line: 4, field: 'serial', message: 'repeats the serial of row 1' },
      { row: 4, line: 5, field: 'serial', message: `a meter with serial ${taken} is already registered` },
      { row: 5, line: 6, field: 'siteId', message: `no site ${foreignSite} of yours` },
      { row: 6, line: 7, field: 'kind', message: 'ELECTRICITY or GAS' },
      { row: 6, line: 7, field: 'name', message: 'is missing' },
    ]);
    expect((await list({ siteId })).totalCount).toBe(0);
  });

  it('takes JSON rows too, and says what is wrong with the file as a whole', async () => {
    const siteId = await t.site();
    const rows = [
      { kind: 'GAS', serial: `G-${newSerial()}`, name: 'Flat 1-101' },
      { kind: 'GAS', serial: `G-${newSerial()}`, name: 'Flat 1-102' },
    ];
    const ok = await t.data<{ importMeters: { imported: number } }>(IMPORT, { f: 'JSON', d: JSON.stringify(rows), defaults: { siteId } });
    expect(ok.importMeters.imported).toBe(2);
    const bad = await t.data<{ importMeters: { problems: unknown[] } }>(IMPORT, { f: 'CSV', d: 'serial,name,colour\n1,2,3' });
    expect(bad.importMeters.problems).toEqual([
      { row: 0, line: 1, field: 'colour', message: 'unknown column "colour"; the columns are kind, serial, name, siteId' },
      { row: 0, line: 1, field: 'kind', message: 'column kind is missing' },
    ]);
  });
});

describe('binding a meter to a customer and a tariff', () => {
  it('charges it to the customer’s wallet, whose balance it shows, and audits before and after', async () => {
    const { id: meterId } = await testMeter(t);
    const customer = await testCustomer(t.db);
    const tariffId = await testTariff(t);
    const { bindMeter } = await t.data<{ bindMeter: Record<string, unknown> }>(BIND_METER, { m: meterId, c: customer.id, t: tariffId });
    expect(bindMeter).toEqual({ id: meterId, accountId: customer.walletId, customer: { id: customer.id }, tariff: { id: tariffId }, balanceMinor: 0 });
    await payIn(t, customer.walletId, 12_345);
    const { meter } = await t.data<{ meter: { balanceMinor: number; tariff: { kind: string } } }>(METER, { id: meterId });
    expect(meter).toMatchObject({ balanceMinor: 12_345, tariff: { kind: 'ELECTRICITY' } });
    expect(await auditOf(`meter:${meterId}`)).toMatchObject([
      { action: 'meter.registered' },
      {
        action: 'meter.bound',
        details: { before: { customerId: null, tariffId: null }, after: { customerId: customer.id, accountId: customer.walletId, tariffId } },
      },
    ]);
  });

  it('rebinds a bound meter (a shop let to a new tenant), telling the twins the new wallet’s balance', async () => {
    const meter = await boundTestMeter(t);
    const next = await testCustomer(t.db);
    await payIn(t, next.walletId, 777);
    const heard: { meterId?: string }[] = [];
    const unlisten = await t.db.listen('metering_meter_balance', (p) => void heard.push(JSON.parse(p) as { meterId?: string }));
    try {
      const { bindMeter } = await t.data<{ bindMeter: { accountId: string } }>(BIND_METER, { m: meter.id, c: next.id, t: meter.tariffId });
      expect(bindMeter.accountId).toBe(next.walletId);
      await waitUntil('the balance notice', () => heard.some((h) => h.meterId === meter.id));
      expect(heard.find((h) => h.meterId === meter.id)).toEqual({
        tenantId: DEMO_TENANT_ID,
        meterId: meter.id,
        balanceMinor: 777,
        at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      });
    } finally {
      await unlisten();
    }
  });

  it('refuses a blacklisted customer, as every domain does', async () => {
    const { id } = await testMeter(t);
    const customer = await testCustomer(t.db, { blacklisted: true });
    const res = await t.raw(BIND_METER, { m: id, c: customer.id, t: await testTariff(t) });
    expect(errorOf(res)).toMatchObject({ code: 'CUSTOMER_BLACKLISTED', customerId: customer.id });
  });

  it('refuses a tariff of the other kind, naming tariffId', async () => {
    const { id } = await testMeter(t);
    const customer = await testCustomer(t.db);
    const res = await t.raw(BIND_METER, { m: id, c: customer.id, t: await testTariff(t, { kind: 'GAS' }) });
    expect(errorOf(res)).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'tariffId', message: expect.stringContaining('is for GAS meters') }] });
  });

  it('refuses another company’s meter, customer or tariff as NOT_FOUND, changing nothing', async () => {
    const other = randomUUID();
    const theirs = await boundTestMeter(t, { tenantId: other });
    const mine = await testMeter(t);
    const customer = await testCustomer(t.db);
    const tariffId = await testTariff(t);
    const cases: [Record<string, string>, string, string][] = [
      [{ m: theirs.id, c: customer.id, t: tariffId }, 'Meter', theirs.id],
      [{ m: mine.id, c: theirs.customerId, t: tariffId }, 'Customer', theirs.customerId],
      [{ m: mine.id, c: customer.id, t: theirs.tariffId }, 'Tariff', theirs.tariffId],
      [{ m: 'not-an-id', c: customer.id, t: tariffId }, 'Meter', 'not-an-id'],
    ];
    for (const [variables, entity, id] of cases) expect(errorOf(await t.raw(BIND_METER, variables))).toEqual({ code: 'NOT_FOUND', entity, id });
    const [row] = await t.db.query<{ customer: string }>(`SELECT customer_id::text AS customer FROM metering.meter WHERE id = $1`, [theirs.id]);
    expect(row!.customer).toBe(theirs.customerId);
  });
});

describe('protected supply (保电)', () => {
  it('protects with a reason until a time, lists it as protected, lifts it, and audits both', async () => {
    const { id } = await testMeter(t);
    const until = new Date(Date.now() + 86_400_000);
    const { setMeterSupplyProtection: on } = await t.data<{ setMeterSupplyProtection: Record<string, unknown> }>(PROTECT, {
      m: id,
      p: true,
      r: 'Hospital ward on this feeder',
      u: until.toISOString(),
    });
    expect(on).toEqual({ id, supplyProtected: true, protectedReason: 'Hospital ward on this feeder', protectedUntil: until.toISOString() });
    expect((await list({ protected: true }, 200)).edges.map((e) => e.node.id)).toContain(id);
    const { setMeterSupplyProtection: off } = await t.data<{ setMeterSupplyProtection: Record<string, unknown> }>(PROTECT, {
      m: id,
      p: false,
      r: 'ward moved',
    });
    expect(off).toMatchObject({ supplyProtected: false, protectedUntil: null });
    expect((await list({ protected: true }, 200)).edges.map((e) => e.node.id)).not.toContain(id);
    expect((await auditOf(`meter:${id}`)).map((e) => e.action)).toEqual(['meter.registered', 'meter.supply-protected', 'meter.supply-protection-lifted']);
  });

  it('needs a reason to protect, an end ahead, and no end when lifting', async () => {
    const { id } = await testMeter(t);
    expect(errorOf(await t.raw(PROTECT, { m: id, p: true }))).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'reason' }] });
    expect(errorOf(await t.raw(PROTECT, { m: id, p: true, r: '  ' }))).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'reason' }] });
    const past = new Date(Date.now() - 1000).toISOString();
    expect(errorOf(await t.raw(PROTECT, { m: id, p: true, r: 'event', u: past }))).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'until' }] });
    expect(errorOf(await t.raw(PROTECT, { m: id, p: false, u: new Date(Date.now() + 60_000).toISOString() }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'until' }],
    });
  });

  it('ends by itself at its time', async () => {
    const { id } = await testMeter(t);
    await t.data(PROTECT, { m: id, p: true, r: 'ceremony', u: new Date(Date.now() + 60_000).toISOString() });
    await t.db.query(`UPDATE metering.meter SET protected_until = now() - interval '1 second' WHERE id = $1`, [id]);
    const { meter } = await t.data<{ meter: { supplyProtected: boolean } }>(METER, { id });
    expect(meter.supplyProtected).toBe(false);
  });

  it('refuses another company’s meter as NOT_FOUND', async () => {
    const { id } = await testMeter(t, { tenantId: randomUUID() });
    expect(errorOf(await t.raw(PROTECT, { m: id, p: true, r: 'mine now' }))).toEqual({ code: 'NOT_FOUND', entity: 'Meter', id });
    expect(errorOf(await t.raw(PROTECT, { m: id, p: false }))).toEqual({ code: 'NOT_FOUND', entity: 'Meter', id });
  });
});

describe('listing meters', () => {
  it('pages in the order registered, each meter once, with a total', async () => {
    const siteId = await t.site();
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push((await testMeter(t, { siteId })).id);
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: Page['meters'] = await list({ siteId }, 2, after);
      expect(page.totalCount).toBe(5);
      seen.push(...page.edges.map((e) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(ids);
    expect(errorOf(await t.raw(METERS, { f: { siteId }, after: 'bm90IGEgY3Vyc29y' }))).toMatchObject({ code: 'INVALID_CURSOR' });
    expect(errorOf(await t.raw(METERS, { f: { siteId }, first: 201 }))).toMatchObject({ code: 'LIMIT_EXCEEDED' });
  });

  it('filters by kind, relay, alarm level, balance, customer, tariff and search', async () => {
    const siteId = await t.site();
    const gas = await testMeter(t, { siteId, kind: 'GAS', serial: `G-${newSerial()}`, name: 'Flat 100%' });
    const cut = await testMeter(t, { siteId, name: 'Shop cut' });
    const low = await boundTestMeter(t);
    const rich = await boundTestMeter(t);
    await t.db.query(`UPDATE metering.meter SET site_id = $2 WHERE id = ANY($1::uuid[])`, [[low.id, rich.id], siteId]);
    // The default policy's alarm 1 level is ¥50.00.
    await payIn(t, low.accountId, 5_000);
    await payIn(t, rich.accountId, 5_001);
    await t.db.query(`UPDATE metering.meter SET relay_intended = 'OPEN' WHERE id = $1`, [cut.id]);
    const only = async (f: Record<string, unknown>) => (await list({ siteId, ...f })).edges.map((e) => e.node.id);
    expect(await only({ kind: 'GAS' })).toEqual([gas.id]);
    // The supply area may trip a bound meter while its wallet is still empty; an unbound one only by hand.
    const open = await only({ relay: 'OPEN' });
    expect(open).toContain(cut.id);
    expect(open).not.toContain(gas.id);
    expect(await only({ lowBalance: true })).toEqual([low.id]);
    expect(await only({ lowBalance: false })).toEqual([gas.id, cut.id, rich.id]);
    await t.db.query(
      `INSERT INTO metering.supply_policy (tenant_id, alarm1_minor, alarm2_minor, emergency_credit_minor, reconnect_minor, reconnect_action, updated_by)
       VALUES ($1, 10000, 2000, 0, 1000, 'ALLOW_CLOSE', 'test') ON CONFLICT (tenant_id) DO UPDATE SET alarm1_minor = 10000`,
      [DEMO_TENANT_ID],
    );
    expect(await only({ lowBalance: true })).toEqual([low.id, rich.id]);
    await t.db.query(`DELETE FROM metering.supply_policy WHERE tenant_id = $1`, [DEMO_TENANT_ID]);
    expect(await only({ balanceBelowMinor: 5_001 })).toEqual([low.id]);
    expect(await only({ balanceBelowMinor: 5_000 })).toEqual([]);
    expect(await only({ customerId: low.customerId })).toEqual([low.id]);
    expect(await only({ tariffId: low.tariffId })).toEqual([low.id]);
    expect(await only({ search: cut.serial.slice(0, 6) })).toContain(cut.id);
    expect(await only({ search: 'shop CUT' })).toEqual([cut.id]);
    // LIKE characters are taken literally.
    expect(await only({ search: '100%' })).toEqual([gas.id]);
    expect(await only({ search: '_' })).toEqual([]);
  });

  it('shows a page’s balances from one read of their wallets', async () => {
    const siteId = await t.site();
    const meters = [await boundTestMeter(t), await boundTestMeter(t), await boundTestMeter(t)];
    for (const [i, m] of meters.entries()) {
      await t.db.query(`UPDATE metering.meter SET site_id = $2 WHERE id = $1`, [m.id, siteId]);
      await payIn(t, m.accountId, (i + 1) * 100);
    }
    const page = await t.data<{ meters: { edges: { node: { balanceMinor: number } }[] } }>(METERS, { f: { siteId } });
    expect(page.meters.edges.map((e) => e.node.balanceMinor)).toEqual([100, 200, 300]);
  });
});

describe('tenancy', () => {
  it('shows another company’s meter to no one else: null by id, serial and entity reference, absent from lists', async () => {
    const other = randomUUID();
    const theirs = await boundTestMeter(t, { tenantId: other });
    const mine = await testMeter(t);
    expect((await t.data<{ meter: null }>(METER, { id: theirs.id })).meter).toBeNull();
    expect((await t.data<{ meter: null }>(METER, { id: 'nonsense' })).meter).toBeNull();
    expect((await t.data<{ meterBySerial: null }>(`query($s: String!) { meterBySerial(serial: $s) { id } }`, { s: theirs.serial })).meterBySerial).toBeNull();
    const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Meter { id serial balanceMinor } } }`;
    const { _entities } = await t.data<{ _entities: ({ id: string } | null)[] }>(ENTITIES, {
      r: [
        { __typename: 'Meter', id: theirs.id },
        { __typename: 'Meter', id: mine.id },
      ],
    });
    expect(_entities).toEqual([null, { id: mine.id, serial: mine.serial, balanceMinor: null }]);
    expect((await list({ siteId: theirs.siteId })).totalCount).toBe(0);
    expect((await list({ customerId: theirs.customerId })).totalCount).toBe(0);
    const theirView = await list({ siteId: theirs.siteId }, 50, null, await t.as({ tenantId: other }));
    expect(theirView.edges.map((e) => e.node.id)).toEqual([theirs.id]);
    expect(DEMO_TENANT_ID).not.toBe(other);
  });
});

describe('scopes', () => {
  it('lets a key with metering:read list meters but not change them, and one of another domain do neither', async () => {
    const { id } = await testMeter(t);
    const reader = await t.as({ scopes: ['metering:read'] });
    expect((await t.raw(METER, { id }, reader)).errors).toBeUndefined();
    expect(errorOf(await t.raw(PROTECT, { m: id, p: true, r: 'x' }, reader))).toMatchObject({ code: 'FORBIDDEN', requiredScope: 'metering:write' });
    const writer = await t.as({ scopes: ['metering:read', 'metering:write'] });
    expect((await t.raw(PROTECT, { m: id, p: true, r: 'x' }, writer)).errors).toBeUndefined();
    const fuel = await t.as({ scopes: ['fueling:read', 'fueling:write'] });
    expect(errorOf(await t.raw(METER, { id }, fuel))).toMatchObject({ code: 'FORBIDDEN', requiredScope: 'metering:read' });
  });
});

describe('the schema', () => {
  it('describes every type, field, argument and enum value of meters and tariffs', async () => {
    const { data } = await t.raw<IntrospectionQuery>(getIntrospectionQuery());
    const missing = undocumented(buildClientSchema(data!)).filter((c) => !/^(Query\._|_|link__|federation__)/.test(c));
    expect(missing).toEqual([]);
  });
});
