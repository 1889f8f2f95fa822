import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphqlData, graphqlHttp } from '@hearth/testkit/graphql-http';
import { startTestStack, type TestStack } from '@hearth/testkit/test-stack';

/**
 * One audit log through the gateway: what people do in identity, fleet and tanks is read back by
 * one `auditLog` query, newest first, filtered by domain, action and time.
 */
let stack: TestStack;
let admin: string;
const gql = <T>(query: string, variables: Record<string, unknown> = {}) => graphqlData<T>(stack.urls.graphql, query, variables, stack.auth);

type Entry = { id: string; domain: string; actor: string; action: string; target: string | null; details: string; requestId: string | null };
type Page = { totalCount: number; edges: { node: Entry }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
const AUDIT_LOG = `query($first: Int, $after: String, $domains: [String!], $actions: [String!], $since: DateTime) {
  auditLog(first: $first, after: $after, domains: $domains, actions: $actions, since: $since) {
    totalCount edges { node { id domain actor action target details requestId } } pageInfo { hasNextPage endCursor }
  }
}`;
const auditLog = async (variables: Record<string, unknown> = {}) => (await gql<{ auditLog: Page }>(AUDIT_LOG, { first: 200, ...variables })).auditLog;

let since: string;
const made: Record<string, string> = {};

beforeAll(async () => {
  stack = await startTestStack();
  admin = `user:${(await gql<{ viewer: { user: { id: string } } }>('{ viewer { user { id } } }')).viewer.user.id}`;
  since = new Date().toISOString();
  const { createSite } = await gql<{ createSite: { id: string } }>('mutation { createSite(input: { code: "AUD-1", name: "Audited depot" }) { id } }');
  made.site = createSite.id;
  const { createTank } = await gql<{ createTank: { id: string } }>(
    'mutation($site: ID!) { createTank(input: { siteId: $site, name: "Audited bullet", product: "LPG", capacityLiters: 20000, densityKgPerL: 0.51 }) { id } }',
    { site: createSite.id },
  );
  made.tank = createTank.id;
  await gql('mutation($id: ID!) { updateTank(id: $id, input: { capacityLiters: 25000, alarmLevels: { highHighMm: 2100 } }) { id } }', { id: createTank.id });
  await gql(
    'mutation($id: ID!) { setStrappingTable(tankId: $id, input: { points: [{ levelMm: 0, volumeLiters: 0 }, { levelMm: 2200, volumeLiters: 25000 }] }) { version } }',
    { id: createTank.id },
  );
  await gql('mutation { registerGateway(input: { id: "audited-gw", name: "Audited gateway" }) { secret } }');
  const { createApiKey } = await gql<{ createApiKey: { apiKey: { id: string } } }>(
    'mutation { createApiKey(input: { name: "audited key", scopes: ["tanks:read"] }) { apiKey { id } } }',
  );
  made.key = createApiKey.apiKey.id;
});
afterAll(() => stack?.destroy());

describe('the one audit log', () => {
  it('has identity, fleet and tanks actions in one list, newest first, each with its domain, its actor and its request', async () => {
    // The twins' own background work (the price board's first SET_PRICES to the demo pumps) may land after `since`: the three domains this test acted in.
    const log = await auditLog({ since, domains: ['identity', 'fleet', 'tanks'] });
    expect(log.edges.map((e) => [e.node.domain, e.node.action, e.node.target])).toEqual([
      ['identity', 'api-key.created', `apiKey:${made.key}`],
      ['fleet', 'gateway.registered', 'gateway:audited-gw'],
      ['tanks', 'strapping-table.replaced', `tank:${made.tank}`],
      ['tanks', 'tank.updated', `tank:${made.tank}`],
      ['tanks', 'tank.created', `tank:${made.tank}`],
      ['tanks', 'site.created', `site:${made.site}`],
    ]);
    expect(log.totalCount).toBe(6);
    // Every entry names the admin who acted; those made through the gateway carry its request id too.
    expect(log.edges.filter((e) => e.node.actor !== admin)).toEqual([]);
    expect(log.edges.filter((e) => e.node.domain !== 'identity' && !e.node.requestId)).toEqual([]);
  });

  it('records a tank change with the fields it changed, before and after', async () => {
    const [updated] = (await auditLog({ domains: ['tanks'], actions: ['tank.updated'], since })).edges;
    expect(JSON.parse(updated!.node.details)).toEqual({
      before: { capacityLiters: 20_000, alarmLevels: { highHighMm: null } },
      after: { capacityLiters: 25_000, alarmLevels: { highHighMm: 2100 } },
    });
  });

  it('filters by domain: tanks alone includes what the demo seed did, as system', async () => {
    const tanks = await auditLog({ domains: ['tanks'] });
    expect(new Set(tanks.edges.map((e) => e.node.domain))).toEqual(new Set(['tanks']));
    expect(tanks.edges.filter((e) => e.node.actor === 'system').map((e) => e.node.action)).toEqual(expect.arrayContaining(['site.created', 'tank.created']));
    expect((await auditLog({ domains: [] })).totalCount).toBe(0);
  });

  it('pages through the whole log by cursor, with nothing twice and nothing missed', async () => {
    const all = await auditLog();
    const paged: string[] = [];
    let after: string | null = null;
    do {
      const page: Page = await auditLog({ first: 4, after });
      expect(page.totalCount).toBe(all.totalCount);
      paged.push(...page.edges.map((e) => e.node.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    // The demo's own entries pass one page of the whole log: every entry once, in the whole log's order.
    expect(paged).toHaveLength(all.totalCount);
    expect(new Set(paged).size).toBe(paged.length);
    expect(paged.slice(0, all.edges.length)).toEqual(all.edges.map((e) => e.node.id));
    const forged = await graphqlHttp(stack.urls.graphql, AUDIT_LOG, { after: 'WyJub3QgYSB0aW1lIiwiMSJd' }, stack.auth);
    expect(forged.errors?.[0]?.extensions?.code).toBe('INVALID_CURSOR');
  });

  it('still answers fleetAuditLog, with the fleet entries of the same log', async () => {
    const { fleetAuditLog } = await gql<{ fleetAuditLog: { edges: { node: { id: string; action: string; details: string } }[] } }>(
      '{ fleetAuditLog(first: 200) { edges { node { id action details } } } }',
    );
    const fleet = await auditLog({ domains: ['fleet'] });
    expect(fleetAuditLog.edges.map((e) => e.node.id)).toEqual(fleet.edges.map((e) => e.node.id));
    const registered = fleetAuditLog.edges.find((e) => e.node.action === 'gateway.registered' && e.node.details.includes('Audited gateway'));
    expect(JSON.parse(registered!.node.details)).toEqual({ name: 'Audited gateway', requestId: expect.any(String) });
  });

  it('is for admins only, as before: a supervisor who changes tanks may not read it', async () => {
    await gql('mutation { createUser(input: { email: "sup@audit.example", name: "Sup", role: SUPERVISOR, password: "supervisor password 1" }) { id } }');
    const { login } = await graphqlData<{ login: { accessToken: string } }>(
      stack.urls.graphql,
      'mutation { login(email: "sup@audit.example", password: "supervisor password 1") { accessToken } }',
    );
    const refused = await graphqlHttp(stack.urls.graphql, AUDIT_LOG, {}, { authorization: `Bearer ${login.accessToken}` });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', requiredScope: 'identity:admin' });
  });
});
