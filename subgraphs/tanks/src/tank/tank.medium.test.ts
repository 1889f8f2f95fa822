import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, DEMO_TENANT_ID, TENANT_HEADER } from '@hearth/platform';
import { EmbeddedDatabase } from '@hearth/platform/db';
import { graphqlData, graphqlHttp } from '@hearth/testkit/graphql-http';
import { startTanksService, type RunningTanksService } from '../index';

let db: EmbeddedDatabase;
let service: RunningTanksService;
let url: string;

const CREATE_SITE = `mutation($input: CreateSiteInput!) { createSite(input: $input) { id name } }`;
const CREATE_TANK = `mutation($input: CreateTankInput!) { createTank(input: $input) { id name capacityLiters maxFillPercent alarmLevels { highHighMm deadbandMm } site { name } } }`;

beforeAll(async () => {
  db = await EmbeddedDatabase.open({ dataDir: 'memory://', checkpointIntervalMs: 0 });
  service = await startTanksService({
    db,
    port: 0,
    host: '127.0.0.1',
    logger: createLogger('tanks-test', (process.env.TEST_LOG_LEVEL as 'silent') ?? 'silent'),
    defaultTenantId: DEMO_TENANT_ID,
  });
  url = service.graphqlUrl;
});
afterAll(async () => {
  await service.close();
  await db.close();
});

async function newSite(code: string, headers: Record<string, string> = {}) {
  const data = await graphqlData<{ createSite: { id: string } }>(url, CREATE_SITE, { input: { code, name: `Site ${code}` } }, headers);
  return data.createSite.id;
}

const tankInput = (siteId: string, name: string) => ({
  siteId,
  name,
  product: 'lpg',
  capacityLiters: 50_000,
  densityKgPerL: 0.51,
  alarmLevels: { highHighMm: 2400, highMm: 2200, lowMm: 400, lowLowMm: 200 },
});

describe('tanks subgraph', () => {
  it('creates a tank with defaults and resolves its site', async () => {
    const siteId = await newSite('A1');
    const { createTank } = await graphqlData<{ createTank: Record<string, unknown> }>(url, CREATE_TANK, { input: tankInput(siteId, 'T-1') });
    expect(createTank).toMatchObject({
      name: 'T-1',
      capacityLiters: 50_000,
      maxFillPercent: 85,
      alarmLevels: { highHighMm: 2400, deadbandMm: 10 },
      site: { name: 'Site A1' },
    });
  });

  it('rejects invalid input listing every bad field', async () => {
    const siteId = await newSite('A2');
    const bad = { ...tankInput(siteId, ''), capacityLiters: -1, alarmLevels: { highMm: 100, lowMm: 500 } };
    const res = await graphqlHttp(url, CREATE_TANK, { input: bad });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const fields = (res.errors?.[0]?.extensions?.fields as { field: string }[]).map((f) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'capacityLiters', 'alarmLevels']));
  });

  it('refuses a duplicate tank name at one site with CONFLICT', async () => {
    const siteId = await newSite('A3');
    await graphqlData(url, CREATE_TANK, { input: tankInput(siteId, 'Dup') });
    const res = await graphqlHttp(url, CREATE_TANK, { input: tankInput(siteId, 'Dup') });
    expect(res.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('pages through tanks with cursors and rejects a forged cursor', async () => {
    const siteId = await newSite('P1');
    for (const n of ['p-a', 'p-b', 'p-c', 'p-d', 'p-e']) await graphqlData(url, CREATE_TANK, { input: tankInput(siteId, n) });
    const page = `query($after: String, $siteId: ID) { tanks(first: 2, after: $after, siteId: $siteId) { totalCount edges { node { name } } pageInfo { hasNextPage endCursor } } }`;
    const names: string[] = [];
    let after: string | null = null;
    for (;;) {
      type Page = { tanks: { totalCount: number; edges: { node: { name: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } };
      const { tanks }: Page = await graphqlData<Page>(url, page, { after, siteId });
      expect(tanks.totalCount).toBe(5);
      names.push(...tanks.edges.map((e) => e.node.name));
      if (!tanks.pageInfo.hasNextPage) break;
      after = tanks.pageInfo.endCursor;
    }
    expect(names).toEqual(['p-a', 'p-b', 'p-c', 'p-d', 'p-e']);
    const forged = await graphqlHttp(url, page, { after: 'bm90LWEtY3Vyc29y', siteId });
    expect(forged.errors?.[0]?.extensions?.code).toBe('INVALID_CURSOR');
  });

  it('versions strapping tables and rejects tables that do not rise', async () => {
    const siteId = await newSite('S1');
    const { createTank } = await graphqlData<{ createTank: { id: string } }>(url, CREATE_TANK, { input: tankInput(siteId, 'cal') });
    const set = `mutation($tankId: ID!, $input: StrappingTableInput!) { setStrappingTable(tankId: $tankId, input: $input) { version } }`;
    const points = [
      { levelMm: 0, volumeLiters: 0 },
      { levelMm: 1000, volumeLiters: 20_000 },
      { levelMm: 2500, volumeLiters: 50_000 },
    ];
    expect(
      (await graphqlData<{ setStrappingTable: { version: number } }>(url, set, { tankId: createTank.id, input: { points } })).setStrappingTable.version,
    ).toBe(1);
    expect(
      (await graphqlData<{ setStrappingTable: { version: number } }>(url, set, { tankId: createTank.id, input: { points, note: 'recal' } })).setStrappingTable
        .version,
    ).toBe(2);
    const falling = await graphqlHttp(url, set, { tankId: createTank.id, input: { points: [points[0], points[2], points[1]] } });
    expect(falling.errors?.[0]?.extensions?.code).toBe('INVALID_STRAPPING_TABLE');
    const { tank } = await graphqlData<{ tank: { strappingTable: { version: number }; strappingTableHistory: unknown[] } }>(
      url,
      `query($id: ID!) { tank(id: $id) { strappingTable { version } strappingTableHistory { version } } }`,
      { id: createTank.id },
    );
    expect(tank.strappingTable.version).toBe(2);
    expect(tank.strappingTableHistory).toHaveLength(2);
  });

  it('scopes every read to the caller tenant', async () => {
    const other = { [TENANT_HEADER]: '11111111-1111-4111-8111-111111111111' };
    const siteId = await newSite('X1', other);
    const { createTank } = await graphqlData<{ createTank: { id: string } }>(url, CREATE_TANK, { input: tankInput(siteId, 'theirs') }, other);
    const mine = await graphqlData<{ tank: unknown; tanks: { edges: { node: { name: string } }[] } }>(
      url,
      `query($id: ID!) { tank(id: $id) { id } tanks(first: 200) { edges { node { name } } } }`,
      { id: createTank.id },
    );
    expect(mine.tank).toBeNull();
    expect(mine.tanks.edges.map((e) => e.node.name)).not.toContain('theirs');
    // Creating a tank on another tenant's site is as if the site did not exist.
    const res = await graphqlHttp(url, CREATE_TANK, { input: tankInput(siteId, 'sneaky') });
    expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('keeps concurrent strapping uploads isolated on the one embedded session', async () => {
    const siteId = await newSite('C1');
    const { createTank } = await graphqlData<{ createTank: { id: string } }>(url, CREATE_TANK, { input: tankInput(siteId, 'conc') });
    const points = [
      { levelMm: 0, volumeLiters: 0 },
      { levelMm: 2500, volumeLiters: 50_000 },
    ];
    // Called in process so the transactions really overlap on one event loop turn. One upload fails
    // inside its transaction (capacity check) while the others commit: without the session lock its
    // ROLLBACK undoes the others' rows, or their versions collide.
    const uploads = Array.from({ length: 8 }, (_, i) =>
      service.services.strapping.add(DEMO_TENANT_ID, createTank.id, { points: i === 3 ? [points[0]!, { levelMm: 2500, volumeLiters: 99_999 }] : points }),
    );
    const results = await Promise.allSettled(uploads);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
    const rows = await db.query<{ version: number }>('SELECT version FROM tanks.strapping_table WHERE tank_id = $1 ORDER BY version', [createTank.id]);
    expect(rows.map((r) => r.version)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });
});
