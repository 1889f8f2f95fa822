import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TENANT_ID, type CallerContext } from '@hearth/platform';
import { MAX_GRAPHQL_REQUEST_BYTES } from '@hearth/platform/graphql';
import { randomUUID } from 'node:crypto';
import { startCylindersTestService, type CylindersTestService } from '../cylinders-test-service';

let t: CylindersTestService;
let depot: string;
let station: string;
let n = 0;
const gql = <T>(query: string, variables: Record<string, unknown> = {}, as?: Record<string, string>) => t.data<T>(query, variables, as);
const raw = <T>(query: string, variables: Record<string, unknown> = {}, as?: Record<string, string>) => t.raw<T>(query, variables, as);

const FIELDS = `id serial tag state content nextInspectionDue designLifeYears designLifeEnds lastInspectedOn spec { code maxFillKg } location { id } fixedStation { id }`;
const REGISTER = `mutation($input: RegisterCylinderInput!) { registerCylinder(input: $input) { ${FIELDS} } }`;
const IMPORT = `mutation($format: ImportFormat!, $data: String!, $defaults: CylinderImportDefaults) {
  importCylinders(format: $format, data: $data, defaults: $defaults) { rows imported rejectedRows problems { row line field message } importId }
}`;

interface Cyl {
  id: string;
  serial: string;
  tag: string;
  state: string;
  content: string | null;
  nextInspectionDue: string;
  designLifeYears: number;
  designLifeEnds: string;
  lastInspectedOn: string | null;
  spec: { code: string; maxFillKg: number };
  location: { id: string } | null;
}

const row = (extra: Record<string, unknown> = {}) => {
  n += 1;
  const key = `${Date.now().toString(36)}${n}`;
  return {
    serial: `S-${key}`,
    tag: `E200-${key}`,
    specCode: 'YSP35.5',
    manufacturer: 'Zhejiang Jindun',
    manufacturedOn: '2024-03-15',
    ownerCompany: 'Hearth Gas',
    locationSiteId: depot,
    ...extra,
  };
};
const register = async (extra: Record<string, unknown> = {}) => (await gql<{ registerCylinder: Cyl }>(REGISTER, { input: row(extra) })).registerCylinder;
const codeOf = (r: { errors?: { extensions?: Record<string, unknown> }[] }) => r.errors?.[0]?.extensions?.code;

beforeAll(async () => {
  t = await startCylindersTestService();
  depot = await t.site();
  station = await t.site();
  await gql(`mutation($input: SaveFillingStationInput!) { saveFillingStation(input: $input) { siteId } }`, {
    input: { siteId: station, company: 'Hearth Gas' },
  });
}, 60_000);
afterAll(() => t?.close());

describe('specs', () => {
  it('gives a new tenant the GB 5842 defaults, and a saved spec changes only its own row', async () => {
    const { cylinderSpecs } = await gql<{ cylinderSpecs: { code: string; maxFillKg: number; toleranceKg: number; inspectionIntervalYears: number }[] }>(
      `{ cylinderSpecs { code maxFillKg toleranceKg inspectionIntervalYears } }`,
    );
    expect(cylinderSpecs.map((s) => s.code)).toEqual(['YSP10', 'YSP15', 'YSP35.5', 'YSP5', 'YSP50']);
    expect(cylinderSpecs.find((s) => s.code === 'YSP15')).toMatchObject({ maxFillKg: 14.5, toleranceKg: 0.5, inspectionIntervalYears: 4 });

    const input = {
      code: 'YSP10',
      name: '10 kg',
      waterCapacityL: 23.5,
      nominalTareKg: 13,
      maxFillKg: 9.5,
      toleranceKg: 0.2,
      inspectionIntervalYears: 3,
      designLifeYears: 8,
      depositMinor: 5000,
    };
    const { saveCylinderSpec } = await gql<{ saveCylinderSpec: { maxFillKg: number; depositMinor: number } }>(
      `mutation($input: SaveCylinderSpecInput!) { saveCylinderSpec(input: $input) { maxFillKg depositMinor } }`,
      { input },
    );
    expect(saveCylinderSpec).toEqual({ maxFillKg: 9.5, depositMinor: 5000 });
    const again = await gql<{ cylinderSpecs: { code: string; maxFillKg: number }[] }>(`{ cylinderSpecs { code maxFillKg } }`);
    expect(again.cylinderSpecs.find((s) => s.code === 'YSP10')?.maxFillKg).toBe(9.5);
    expect(again.cylinderSpecs).toHaveLength(5);
  });
});

describe('registration', () => {
  it('registers a cylinder with its spec’s inspection interval and design life', async () => {
    const c = await register({ fixedStationId: station });
    expect(c).toMatchObject({ state: 'REGISTERED', content: 'EMPTY', nextInspectionDue: '2028-03-15', designLifeYears: 8, designLifeEnds: '2032-03-14' });
    expect(c.spec.code).toBe('YSP35.5');
    expect(c.location?.id).toBe(depot);
    const inspected = await register({ lastInspectedOn: '2025-06-01' });
    expect(inspected.nextInspectionDue).toBe('2029-06-01');
  });

  it('refuses a serial of yours or a tag of anyone’s already registered, naming the field', async () => {
    const c = await register();
    const serial = await raw(REGISTER, { input: row({ serial: c.serial }) });
    expect(codeOf(serial)).toBe('CONFLICT');
    expect(serial.errors?.[0]?.extensions?.field).toBe('serial');
    const tag = await raw(REGISTER, { input: row({ tag: c.tag }) });
    expect(codeOf(tag)).toBe('CONFLICT');
    expect(tag.errors?.[0]?.extensions?.field).toBe('tag');
  });

  it('refuses another company’s site as NOT_FOUND', async () => {
    const foreign = await t.site(randomUUID());
    expect(codeOf(await raw(REGISTER, { input: row({ locationSiteId: foreign }) }))).toBe('NOT_FOUND');
  });

  it('gives a scale id to one company only: the twins keep one twin per scale id', async () => {
    const other = randomUUID();
    const station = async (tenantId?: string) => {
      const site = await t.site(tenantId);
      const headers = tenantId ? await t.as({ tenantId }) : undefined;
      await t.data(`mutation($s: ID!) { saveFillingStation(input: { siteId: $s, company: "X" }) { siteId } }`, { s: site }, headers);
      return { site, headers };
    };
    const REGISTER_SCALE = `mutation($s: ID!) { registerFillingScale(input: { id: "line-9-scale", stationId: $s, name: "Scale" }) { id } }`;
    const ours = await station();
    expect(codeOf(await raw(REGISTER_SCALE, { s: ours.site }))).toBeUndefined();
    // Registering it again moves or renames it; another company may not take the id.
    expect(codeOf(await raw(REGISTER_SCALE, { s: ours.site }))).toBeUndefined();
    const theirs = await station(other);
    const refused = await t.raw(REGISTER_SCALE, { s: theirs.site }, theirs.headers);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'id' });
  });
});

describe('import', () => {
  interface Problem {
    row: number;
    line: number | null;
    field: string | null;
    message: string;
  }
  interface CylinderImport {
    rows: number;
    imported: number;
    rejectedRows: number;
    problems: Problem[];
    importId: string;
  }
  const defaults = () => ({ specCode: 'YSP35.5', manufacturer: 'Zhejiang Jindun', ownerCompany: 'Hearth Gas', locationSiteId: depot });
  const importFile = async (format: 'CSV' | 'JSON', data: string, d: Record<string, unknown> | null = defaults()) =>
    (await gql<{ importCylinders: CylinderImport }>(IMPORT, { format, data, defaults: d })).importCylinders;
  const count = async (serialPrefix: string) =>
    (await gql<{ cylinders: { totalCount: number } }>(`query($f: CylinderFilter) { cylinders(filter: $f) { totalCount } }`, { f: { serialPrefix } })).cylinders
      .totalCount;
  const at = (p: Problem) => [p.row, p.line, p.field];

  it('imports nothing and lists every problem by row, line and field when any row is bad', async () => {
    const existing = await register();
    const k = `IMP-${Date.now().toString(36)}`;
    const csv = [
      'serial,tag,specCode,manufacturedOn',
      `${k}-1,${k}-TAG-1,,2024-03-15`,
      `${k}-2,${k}-TAG-2,,2024-02-30`,
      '',
      `${k}-3,${k}-TAG-1,,2024-03-15`,
      `${k}-4,${k}-TAG-4,YSP99,2024-03-15`,
      `${existing.serial},${k}-TAG-5,,2024-03-15`,
    ].join('\n');
    const result = await importFile('CSV', csv);
    expect(result).toMatchObject({ rows: 5, imported: 0, rejectedRows: 4 });
    expect(result.problems.map(at)).toEqual([
      [2, 3, 'manufacturedOn'],
      [3, 5, 'tag'],
      [4, 6, 'specCode'],
      [5, 7, 'serial'],
    ]);
    expect(result.problems.map((p) => p.message)).toEqual([
      'a real date',
      'repeats the tag of row 1',
      'no spec YSP99',
      `serial ${existing.serial} is already registered`,
    ]);
    expect(await count(k)).toBe(0);
  });

  it('lists the header’s problems as row 0: unknown columns, and required ones neither in the file nor in the defaults', async () => {
    const result = await importFile('CSV', 'serial,tag,colour\nS-1,E200-1,red', null);
    expect(result).toMatchObject({ rows: 0, imported: 0 });
    expect(result.problems.map(at)).toEqual([
      [0, 1, 'colour'],
      [0, 1, 'specCode'],
      [0, 1, 'manufacturer'],
      [0, 1, 'manufacturedOn'],
      [0, 1, 'ownerCompany'],
      [0, 1, 'locationSiteId'],
    ]);
  });

  it('imports JSON, numbers and all, filling what a row leaves out from its spec and the defaults', async () => {
    const k = `JSON-${Date.now().toString(36)}`;
    const rows = [
      { serial: `${k}-1`, tag: `${k}-TAG-1`, manufacturedOn: '2024-03-15', designLifeYears: 10, fixedStationId: station },
      { serial: `${k}-2`, tag: `${k}-TAG-2`, manufacturedOn: '2024-03-15', lastInspectedOn: '2025-06-01', specCode: 'YSP15' },
    ];
    const result = await importFile('JSON', JSON.stringify(rows));
    expect(result).toMatchObject({ rows: 2, imported: 2, rejectedRows: 0, problems: [] });
    const byTag = async (tag: string) =>
      (await gql<{ cylinderByTag: Cyl & { fixedStation: { id: string } | null } }>(`query($t: String!) { cylinderByTag(tag: $t) { ${FIELDS} } }`, { t: tag }))
        .cylinderByTag;
    expect(await byTag(`${k}-TAG-1`)).toMatchObject({
      designLifeYears: 10,
      nextInspectionDue: '2028-03-15',
      spec: { code: 'YSP35.5' },
      location: { id: depot },
      fixedStation: { id: station },
    });
    expect(await byTag(`${k}-TAG-2`)).toMatchObject({ nextInspectionDue: '2029-06-01', spec: { code: 'YSP15' } });
  });

  it('takes rows as objects from callers other than GraphQL, with the same result', async () => {
    const caller: CallerContext = { tenantId: DEMO_TENANT_ID, requestId: 'r', principal: { kind: 'user', id: 'importer' }, scopes: [] };
    const result = await t.service.services.registry.importCylinders(caller, [row(), row({ specCode: 'YSP99' })]);
    expect(result).toMatchObject({ rows: 2, imported: 0, rejectedRows: 1, problems: [{ row: 2, line: null, field: 'specCode', message: 'no spec YSP99' }] });
  });

  it('imports a 10,000-row CSV through GraphQL, well inside the 1 MiB request limit, each row with its REGISTER event', async () => {
    const site = await t.site();
    const k = Date.now().toString(36);
    const lines = Array.from({ length: 10_000 }, (_, i) => `BULK-${String(i).padStart(5, '0')},E200-${k}-${i},2024-03-15`);
    const variables = { format: 'CSV', data: ['serial,tag,manufacturedOn', ...lines].join('\n'), defaults: { ...defaults(), locationSiteId: site } };
    expect(Buffer.byteLength(JSON.stringify({ query: IMPORT, variables }))).toBeLessThan(MAX_GRAPHQL_REQUEST_BYTES / 2);
    const started = Date.now();
    const result = (await gql<{ importCylinders: CylinderImport }>(IMPORT, variables)).importCylinders;
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(result).toMatchObject({ rows: 10_000, imported: 10_000, rejectedRows: 0, problems: [] });
    const [events] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM cylinders.cylinder_event WHERE ref = $1 AND event = 'REGISTER'`, [
      `import:${result.importId}`,
    ]);
    expect(events?.n).toBe(10_000);
    const { cylinderStock } = await gql<{ cylinderStock: { sites: { siteId: string; empty: number }[] } }>(
      `query($s: ID) { cylinderStock(siteId: $s) { sites { siteId empty } } }`,
      { s: site },
    );
    expect(cylinderStock.sites).toEqual([{ siteId: site, empty: 10_000 }]);
  }, 60_000);
});

/** A lifecycle mutation with `$a` (a reason, String!) or `$s` (a site) as its second argument. */
const MOVE = (name: string, args: string) => {
  const vars = args.includes('$a') ? ', $a: String!' : args.includes('$s') ? ', $s: ID!' : '';
  return `mutation($id: ID!${vars}) { ${name}(id: $id${args}) { id state location { id } } }`;
};

describe('lifecycle', () => {
  it('refuses a step the lifecycle does not allow with INVALID_CYLINDER_TRANSITION and why', async () => {
    const c = await register();
    const res = await raw(`mutation($id: ID!, $s: ID!) { stockCylinderIn(id: $id, content: FULL, siteId: $s) { id } }`, { id: c.id, s: depot });
    expect(codeOf(res)).toBe('INVALID_CYLINDER_TRANSITION');
    expect(res.errors?.[0]?.extensions?.reason).toMatch(/STOCK_IN_FULL is not possible from REGISTERED/);

    await gql(MOVE('scrapCylinder', ', reason: $a'), { id: c.id, a: 'dented collar' });
    const again = await raw(MOVE('sendCylinderToInspection', ''), { id: c.id });
    expect(codeOf(again)).toBe('INVALID_CYLINDER_TRANSITION');
    expect(again.errors?.[0]?.extensions?.reason).toMatch(/scrapped/);
  });

  it('sends to inspection and passes it, moving the next due date in the same step', async () => {
    const c = await register();
    await gql(`mutation($id: ID!, $s: ID!) { stockCylinderIn(id: $id, content: EMPTY, siteId: $s) { id } }`, { id: c.id, s: depot });
    const sent = await gql<{ sendCylinderToInspection: { state: string } }>(MOVE('sendCylinderToInspection', ', siteId: $s'), { id: c.id, s: station });
    expect(sent.sendCylinderToInspection.state).toBe('INSPECTION');
    const { passCylinderInspection } = await gql<{ passCylinderInspection: Cyl }>(
      `mutation($id: ID!) { passCylinderInspection(id: $id, inspectedOn: "2025-11-20") { ${FIELDS} } }`,
      { id: c.id },
    );
    expect(passCylinderInspection).toMatchObject({ state: 'EMPTY_STOCK', lastInspectedOn: '2025-11-20', nextInspectionDue: '2029-11-20' });
    expect(passCylinderInspection.location?.id).toBe(station);
  });

  it('reports lost and finds, at the site where it turned up', async () => {
    const c = await register();
    const lost = await gql<{ reportCylinderLost: { state: string; location: null } }>(MOVE('reportCylinderLost', ', reason: $a'), {
      id: c.id,
      a: 'customer moved away',
    });
    expect(lost.reportCylinderLost).toMatchObject({ state: 'LOST', location: null });
    const found = await gql<{ findCylinder: { state: string; location: { id: string } } }>(MOVE('findCylinder', ', siteId: $s'), { id: c.id, s: station });
    expect(found.findCylinder).toMatchObject({ state: 'RETURNED', location: { id: station } });
  });
});

describe('history', () => {
  it('lists the log newest first, a page at a time', async () => {
    const c = await register();
    await gql(`mutation($id: ID!, $s: ID!) { stockCylinderIn(id: $id, content: EMPTY, siteId: $s) { id } }`, { id: c.id, s: depot });
    await gql(`mutation($id: ID!) { updateCylinder(id: $id, input: { ownerCompany: "Other Gas" }) { id } }`, { id: c.id });
    await gql(MOVE('sendCylinderToInspection', ''), { id: c.id });
    const page = (after?: string) =>
      gql<{ cylinder: { history: { totalCount: number; edges: { node: { event: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } } }>(
        `query($id: ID!, $after: String) { cylinder(id: $id) { history(first: 2, after: $after) { totalCount edges { node { event } } pageInfo { hasNextPage endCursor } } } }`,
        { id: c.id, after },
      );
    const one = (await page()).cylinder.history;
    expect(one.totalCount).toBe(4);
    expect(one.edges.map((e) => e.node.event)).toEqual(['SEND_TO_INSPECTION', 'UPDATE']);
    expect(one.pageInfo.hasNextPage).toBe(true);
    const two = (await page(one.pageInfo.endCursor)).cylinder.history;
    expect(two.edges.map((e) => e.node.event)).toEqual(['STOCK_IN_EMPTY', 'REGISTER']);
    expect(two.pageInfo.hasNextPage).toBe(false);
  });

  it('pages cylinders by serial', async () => {
    const prefix = `PG-${Date.now().toString(36)}-`;
    for (const i of [3, 1, 2]) await register({ serial: `${prefix}${i}` });
    const list = (after?: string) =>
      gql<{ cylinders: { edges: { node: { serial: string } }[]; pageInfo: { endCursor: string } } }>(
        `query($f: CylinderFilter, $after: String) { cylinders(filter: $f, first: 2, after: $after) { edges { node { serial } } pageInfo { endCursor } } }`,
        { f: { serialPrefix: prefix }, after },
      );
    const first = (await list()).cylinders;
    expect(first.edges.map((e) => e.node.serial)).toEqual([`${prefix}1`, `${prefix}2`]);
    expect((await list(first.pageInfo.endCursor)).cylinders.edges.map((e) => e.node.serial)).toEqual([`${prefix}3`]);
  });
});

describe('stock and tenancy', () => {
  it('counts full, empty and in inspection by site and spec', async () => {
    const site = await t.site();
    const a = await register({ locationSiteId: site });
    const b = await register({ locationSiteId: site, specCode: 'YSP15' });
    await register({ locationSiteId: site });
    await gql(`mutation($id: ID!, $s: ID!) { stockCylinderIn(id: $id, content: EMPTY, siteId: $s) { id } }`, { id: a.id, s: site });
    await gql(MOVE('sendCylinderToInspection', ''), { id: a.id });
    await gql(MOVE('scrapCylinder', ', reason: $a'), { id: b.id, a: 'failed hydrostatic test' });
    const { cylinderStock } = await gql<{ cylinderStock: { sites: unknown[] } }>(
      `query($s: ID) { cylinderStock(siteId: $s) { sites { siteId specCode full empty inspection } } }`,
      {
        s: site,
      },
    );
    expect(cylinderStock.sites).toEqual([{ siteId: site, specCode: 'YSP35.5', full: 0, empty: 1, inspection: 1 }]);
  });

  it('hides another company’s cylinders: null to read, NOT_FOUND to change', async () => {
    const c = await register();
    const other = await t.as({ tenantId: randomUUID(), scopes: ['*:read', '*:write'] });
    expect((await gql<{ cylinder: null }>(`query($id: ID!) { cylinder(id: $id) { id } }`, { id: c.id }, other)).cylinder).toBeNull();
    expect((await gql<{ cylinderByTag: null }>(`query($t: String!) { cylinderByTag(tag: $t) { id } }`, { t: c.tag }, other)).cylinderByTag).toBeNull();
    expect(codeOf(await raw(MOVE('scrapCylinder', ', reason: $a'), { id: c.id, a: 'x' }, other))).toBe('NOT_FOUND');
    expect(codeOf(await raw(`mutation($id: ID!) { updateCylinder(id: $id, input: { manufacturer: "X" }) { id } }`, { id: c.id }, other))).toBe('NOT_FOUND');
  });
});
