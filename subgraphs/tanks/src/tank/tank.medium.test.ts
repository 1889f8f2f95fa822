import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, DEMO_TENANT_ID } from '@hearth/platform';
import { auditPage } from '@hearth/platform/audit';
import type { Database } from '@hearth/platform/db';
import { openTestDatabase } from '@hearth/testkit/test-database';
import { graphqlData, graphqlHttp } from '@hearth/testkit/graphql-http';
import { testContext } from '@hearth/testkit/signed-context';
import { startTanksService, type RunningTanksService } from '../index';

let db: Database;
let service: RunningTanksService;
let url: string;
/** The demo tenant's signed context, as the gateway would send it. */
let demo: Record<string, string>;
const gql = <T>(query: string, variables: Record<string, unknown> = {}, as?: Record<string, string>) => graphqlData<T>(url, query, variables, as ?? demo);
const gqlRaw = <T>(query: string, variables: Record<string, unknown> = {}, as?: Record<string, string>) => graphqlHttp<T>(url, query, variables, as ?? demo);

const CREATE_SITE = `mutation($input: CreateSiteInput!) { createSite(input: $input) { id name } }`;
const CREATE_TANK = `mutation($input: CreateTankInput!) { createTank(input: $input) { id name capacityLiters maxFillPercent alarmLevels { highHighMm deadbandMm } site { name } } }`;

beforeAll(async () => {
  db = await openTestDatabase();
  service = await startTanksService({
    db,
    port: 0,
    host: '127.0.0.1',
    logger: createLogger('tanks-test', (process.env.TEST_LOG_LEVEL as 'silent') ?? 'silent'),
    contextVerifier: testContext.verifier,
  });
  url = service.graphqlUrl;
  demo = await testContext.headers();
});
afterAll(async () => {
  await service.close();
  await db.close();
});

async function newSite(code: string, headers?: Record<string, string>) {
  const data = await gql<{ createSite: { id: string } }>(CREATE_SITE, { input: { code, name: `Site ${code}` } }, headers);
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
    const { createTank } = await gql<{ createTank: Record<string, unknown> }>(CREATE_TANK, { input: tankInput(siteId, 'T-1') });
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
    const res = await gqlRaw(CREATE_TANK, { input: bad });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const fields = (res.errors?.[0]?.extensions?.fields as { field: string }[]).map((f) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'capacityLiters', 'alarmLevels']));
  });

  it('refuses a duplicate tank name at one site with CONFLICT', async () => {
    const siteId = await newSite('A3');
    await gql(CREATE_TANK, { input: tankInput(siteId, 'Dup') });
    const res = await gqlRaw(CREATE_TANK, { input: tankInput(siteId, 'Dup') });
    expect(res.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('pages through tanks with cursors and rejects a forged cursor', async () => {
    const siteId = await newSite('P1');
    for (const n of ['p-a', 'p-b', 'p-c', 'p-d', 'p-e']) await gql(CREATE_TANK, { input: tankInput(siteId, n) });
    const page = `query($after: String, $siteId: ID) { tanks(first: 2, after: $after, siteId: $siteId) { totalCount edges { node { name } } pageInfo { hasNextPage endCursor } } }`;
    const names: string[] = [];
    let after: string | null = null;
    for (;;) {
      type Page = { tanks: { totalCount: number; edges: { node: { name: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } };
      const { tanks }: Page = await gql<Page>(page, { after, siteId });
      expect(tanks.totalCount).toBe(5);
      names.push(...tanks.edges.map((e) => e.node.name));
      if (!tanks.pageInfo.hasNextPage) break;
      after = tanks.pageInfo.endCursor;
    }
    expect(names).toEqual(['p-a', 'p-b', 'p-c', 'p-d', 'p-e']);
    const forged = await gqlRaw(page, { after: 'bm90LWEtY3Vyc29y', siteId });
    expect(forged.errors?.[0]?.extensions?.code).toBe('INVALID_CURSOR');
  });

  it('versions strapping tables and rejects tables that do not rise', async () => {
    const siteId = await newSite('S1');
    const { createTank } = await gql<{ createTank: { id: string } }>(CREATE_TANK, { input: tankInput(siteId, 'cal') });
    const set = `mutation($tankId: ID!, $input: StrappingTableInput!) { setStrappingTable(tankId: $tankId, input: $input) { version } }`;
    const points = [
      { levelMm: 0, volumeLiters: 0 },
      { levelMm: 1000, volumeLiters: 20_000 },
      { levelMm: 2500, volumeLiters: 50_000 },
    ];
    expect((await gql<{ setStrappingTable: { version: number } }>(set, { tankId: createTank.id, input: { points } })).setStrappingTable.version).toBe(1);
    expect(
      (await gql<{ setStrappingTable: { version: number } }>(set, { tankId: createTank.id, input: { points, note: 'recal' } })).setStrappingTable.version,
    ).toBe(2);
    const falling = await gqlRaw(set, { tankId: createTank.id, input: { points: [points[0], points[2], points[1]] } });
    expect(falling.errors?.[0]?.extensions?.code).toBe('INVALID_STRAPPING_TABLE');
    const { tank } = await gql<{ tank: { strappingTable: { version: number }; strappingTableHistory: unknown[] } }>(
      `query($id: ID!) { tank(id: $id) { strappingTable { version } strappingTableHistory { version } } }`,
      { id: createTank.id },
    );
    expect(tank.strappingTable.version).toBe(2);
    expect(tank.strappingTableHistory).toHaveLength(2);
  });

  it('scopes every read to the caller tenant', async () => {
    const other = await testContext.headers({ tenantId: '11111111-1111-4111-8111-111111111111' });
    const siteId = await newSite('X1', other);
    const { createTank } = await gql<{ createTank: { id: string } }>(CREATE_TANK, { input: tankInput(siteId, 'theirs') }, other);
    const mine = await gql<{ tank: unknown; tanks: { edges: { node: { name: string } }[] } }>(
      `query($id: ID!) { tank(id: $id) { id } tanks(first: 200) { edges { node { name } } } }`,
      { id: createTank.id },
    );
    expect(mine.tank).toBeNull();
    expect(mine.tanks.edges.map((e) => e.node.name)).not.toContain('theirs');
    // Creating a tank on another tenant's site is as if the site did not exist.
    const res = await gqlRaw(CREATE_TANK, { input: tankInput(siteId, 'sneaky') });
    expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('keeps concurrent strapping uploads isolated on the one embedded session', async () => {
    const siteId = await newSite('C1');
    const { createTank } = await gql<{ createTank: { id: string } }>(CREATE_TANK, { input: tankInput(siteId, 'conc') });
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

  it('audits sites, tanks and strapping tables in the transaction of the change, naming the caller', async () => {
    const siteId = await newSite('AU1');
    const { createTank } = await gql<{ createTank: { id: string } }>(CREATE_TANK, { input: tankInput(siteId, 'audited') });
    const update = `mutation($id: ID!, $input: UpdateTankInput!) { updateTank(id: $id, input: $input) { name } }`;
    await gql(update, { id: createTank.id, input: { name: 'audited 2', alarmLevels: { highMm: 2300 } } });
    await gql(update, { id: createTank.id, input: { name: 'audited 2' } });
    const set = `mutation($tankId: ID!, $input: StrappingTableInput!) { setStrappingTable(tankId: $tankId, input: $input) { version } }`;
    const points = [
      { levelMm: 0, volumeLiters: 0 },
      { levelMm: 2500, volumeLiters: 50_000 },
    ];
    await gql(set, { tankId: createTank.id, input: { points, note: 'certificate 7' } });
    // Refused changes leave no entry: a duplicate name rolls the update and its entry back together.
    await gql(CREATE_TANK, { input: tankInput(siteId, 'taken') });
    expect((await gqlRaw(update, { id: createTank.id, input: { name: 'taken' } })).errors?.[0]?.extensions?.code).toBe('CONFLICT');

    const entries = await auditPage(db, { tenantId: DEMO_TENANT_ID, domains: ['tanks'] }, 200);
    const about = (target: string) => entries.filter((e) => e.target === target).reverse();
    expect(about(`site:${siteId}`).map((e) => [e.action, e.details])).toEqual([['site.created', { code: 'AU1', name: 'Site AU1', address: null }]]);
    const tank = about(`tank:${createTank.id}`);
    // The update that changed nothing recorded nothing.
    expect(tank.map((e) => e.action)).toEqual(['tank.created', 'tank.updated', 'strapping-table.replaced']);
    expect(tank[0]!.details).toMatchObject({ siteId, name: 'audited', capacityLiters: 50_000, alarmLevels: { highMm: 2200 } });
    expect(tank[1]!.details).toEqual({
      before: { name: 'audited', alarmLevels: { highMm: 2200 } },
      after: { name: 'audited 2', alarmLevels: { highMm: 2300 } },
    });
    expect(tank[2]!.details).toEqual({ version: 1, previousVersion: null, points: 2, note: 'certificate 7' });
    // As the signed context says (testContext.headers: user test-user, request "test").
    expect(tank.every((e) => e.actor === 'user:test-user' && e.requestId === 'test')).toBe(true);
  });

  it("refuses a call without the gateway's signed context, or with a forged or expired one", async () => {
    const bare = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ tanks { totalCount } }' }),
    });
    expect(bare.status).toBe(401);
    expect(((await bare.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('SIGNED_CONTEXT_REQUIRED');
    // Signed with a key the subgraph does not trust: as good as none.
    const { ContextSigner, generateContextKeys, CONTEXT_HEADER } = await import('@hearth/platform');
    const forger = new ContextSigner(generateContextKeys().privateKeyPem);
    const forged = await forger.sign({ tenantId: DEMO_TENANT_ID, requestId: 'x', principal: { kind: 'user', id: 'mallory' }, scopes: ['*:write'] });
    const res = await gqlRaw('{ tanks { totalCount } }', {}, { [CONTEXT_HEADER]: forged });
    expect(res.errors?.[0]?.extensions?.code).toBe('SIGNED_CONTEXT_REQUIRED');
  });

  it('needs tanks:read to read and tanks:write to change, whatever the gateway let through', async () => {
    const readOnly = await testContext.headers({ scopes: ['tanks:read'] });
    expect((await gqlRaw('{ tanks { totalCount } }', {}, readOnly)).data).toBeTruthy();
    const write = await gqlRaw(CREATE_SITE, { input: { code: 'RO', name: 'read only' } }, readOnly);
    expect(write.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', requiredScope: 'tanks:write' });
    const twinsOnly = await gqlRaw('{ tanks { totalCount } }', {}, await testContext.headers({ scopes: ['twins:read'] }));
    expect(twinsOnly.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', requiredScope: 'tanks:read' });
  });
});
