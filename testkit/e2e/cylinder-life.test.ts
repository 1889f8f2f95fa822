import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '@hearth/gateway';
import { createLogger } from '@hearth/platform';
import { graphqlHttp } from '@hearth/testkit/graphql-http';
import { startTestStack, type TestStack } from '@hearth/testkit/test-stack';
import { CylinderActivity, DepotLineFeed } from '@hearth/stack';

/**
 * The demo's cylinders as a new user finds them: demo.json names the filling line and a cylinder of
 * every condition the interlock refuses; the depot's and stores' life moves them through fill,
 * stock, transfer, hand-over and take-back with stock exact at every step; anyone can scan a
 * cylinder's QR code through the gateway without signing in, and no faster than the limit.
 */
let stack: TestStack;
const logger = createLogger('cylinder-life', 'silent');

const STOCK = `query($s: ID) { cylinderStock(siteId: $s) { sites { siteId specCode full empty } inTransitFull inTransitEmpty atCustomers } }`;

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.destroy());

const count = async (where: string, params: unknown[] = []) =>
  (
    await stack.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM cylinders.cylinder WHERE tenant_id = $1 AND ${where}`, [stack.demo.tenantId, ...params])
  )[0]!.n;

describe('the demo’s cylinders', () => {
  it('names its filling scales and a cylinder of every condition in demo.json', async () => {
    const file = JSON.parse(await readFile(stack.demoFile, 'utf8')) as {
      fillingScales: { id: string }[];
      cylinders: { id: string | null; tag: string; condition: string }[];
    };
    expect(file.fillingScales.map((s) => s.id)).toEqual(['depot-scale-1', 'depot-scale-2']);
    const conditions = new Set(file.cylinders.map((c) => c.condition));
    for (const c of ['OK', 'INSPECTION_OVERDUE', 'PAST_DESIGN_LIFE', 'SCRAPPED', 'REPORTED_LOST', 'FOREIGN_OWNER', 'FIXED_TO_OTHER_STATION', 'UNREGISTERED'])
      expect(conditions, c).toContain(c);
    expect(file.cylinders.filter((c) => c.condition === 'UNREGISTERED').every((c) => c.id === null)).toBe(true);
    expect(file.cylinders.filter((c) => c.condition !== 'UNREGISTERED').every((c) => c.id !== null)).toBe(true);
  });

  it('feeds the filling line the depot’s empties, and now and then one it must refuse', async () => {
    const feed = new DepotLineFeed(stack.db, stack.demo.tenantId, stack.demo, logger);
    await feed.refresh();
    const picks = Array.from({ length: 20 }, () => feed.next());
    const troubled = new Set(stack.demo.cylinders.filter((c) => c.condition !== 'OK').map((c) => c.tag));
    expect(picks.filter((p) => p && troubled.has(p.tag))).toHaveLength(2);
    expect(picks.filter((p) => p && !troubled.has(p.tag)).length).toBeGreaterThan(10);
  });

  it('moves cylinders depot → store → customer → store → depot, stock exact at every step', async () => {
    const { tenantId, fillingStationId: depot, stores } = stack.demo;
    const activity = new CylinderActivity(stack.db, stack.cylinders.services, tenantId, stack.demo, logger);
    // The filling line filled twelve (as the fill intake records them).
    await stack.db.query(
      `UPDATE cylinders.cylinder SET state = 'FILLED' WHERE id IN (SELECT id FROM cylinders.cylinder WHERE tenant_id = $1 AND state = 'REGISTERED'
          AND owner_company = 'DEMO-GAS' AND fixed_station_id IS NULL AND next_inspection_due >= current_date ORDER BY serial LIMIT 12)`,
      [tenantId],
    );
    const total = await count('true');
    await activity.tick();
    // The depot's shift has its filling orders, one per spec.
    const orders = await stack.db.query<{ spec: string; shift: string }>(
      `SELECT spec_code AS spec, shift FROM cylinders.filling_order WHERE tenant_id = $1 AND closed_at IS NULL ORDER BY spec_code`,
      [tenantId],
    );
    expect(orders.map((o) => o.spec)).toEqual(['YSP10', 'YSP35.5', 'YSP50']);
    expect(['DAY', 'NIGHT']).toContain(orders[0]!.shift);
    // Stocked in, ten on the road to the first store.
    expect(await count(`state = 'FULL_STOCK' AND location_site_id = $2`, [depot])).toBe(2);
    expect(await count(`state = 'IN_TRANSIT'`)).toBe(10);
    const stock = await graphqlHttp<{ cylinderStock: { inTransitFull: number; sites: { siteId: string; full: number }[] } }>(
      stack.urls.graphql,
      STOCK,
      {},
      stack.auth,
    );
    expect(stock.data!.cylinderStock.inTransitFull).toBe(10);
    await activity.tick();
    // Signed for at the store; one handed to a customer there.
    expect(await count(`location_site_id = $2 AND state = 'FULL_STOCK'`, [stores[0]!.id])).toBe(9);
    expect(await count(`state = 'AT_CUSTOMER'`)).toBe(1);
    expect(await count('true')).toBe(total);
    const [handover] = await stack.db.query<{ kind: string; deposit: number }>(
      `SELECT kind, deposit_minor::int AS deposit FROM cylinders.handover WHERE tenant_id = $1`,
      [tenantId],
    );
    expect(['DEPOSIT', 'LOAN']).toContain(handover!.kind);
    // The stock counters the database keeps match a count of the cylinders themselves.
    const counters = await stack.db.query(
      `SELECT site_key::text AS site, spec_code AS spec, state, "full", n::int AS n FROM cylinders.stock_count WHERE tenant_id = $1 AND n <> 0 ORDER BY 1, 2, 3, 4`,
      [tenantId],
    );
    const counted = await stack.db.query(
      `SELECT coalesce(location_site_id, '00000000-0000-0000-0000-000000000000')::text AS site, spec_code AS spec, state, coalesce(in_transit_full, false) AS "full",
              count(*)::int AS n FROM cylinders.cylinder WHERE tenant_id = $1 GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
      [tenantId],
    );
    expect(counters).toEqual(counted);
  });
});

describe('who may work the cylinders', () => {
  it('lets an operator (the filling line, a store counter) act on cylinders, and a viewer only look', async () => {
    const signIn = async (role: 'OPERATOR' | 'VIEWER') => {
      const person = { email: `${role.toLowerCase()}@demo.example`, password: `${role} password 12345`, name: role, role };
      await createUser(stack.db, stack.demo.tenantId, person, 'system');
      const res = await graphqlHttp<{ login: { accessToken: string } }>(
        stack.urls.graphql,
        'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }',
        { e: person.email, p: person.password },
        {},
      );
      return { authorization: `Bearer ${res.data!.login.accessToken}` };
    };
    const OPEN = `mutation($s: ID!) { openFillingOrder(input: { stationId: $s, shiftDate: "2099-01-01", shift: "DAY", specCode: "YSP5" }) { id } }`;
    const operator = await graphqlHttp(stack.urls.graphql, OPEN, { s: stack.demo.fillingStationId }, await signIn('OPERATOR'));
    expect(operator.errors ?? []).toEqual([]);
    const viewer = await graphqlHttp(stack.urls.graphql, OPEN, { s: stack.demo.fillingStationId }, await signIn('VIEWER'));
    expect(viewer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('a cylinder’s QR code through the gateway, by anyone', () => {
  const SCAN = `query($t: String!) { cylinderScan(tag: $t) { serial specCode inspectionValid fitForUse } }`;

  it('answers without signing in, shows nothing else, and refuses a private field beside it', async () => {
    const ok = stack.demo.cylinders.find((c) => c.condition === 'OK')!;
    const res = await graphqlHttp<{ cylinderScan: { serial: string; fitForUse: boolean } }>(stack.urls.graphql, SCAN, { t: ok.tag }, {});
    expect(res.errors).toBeUndefined();
    expect(res.data!.cylinderScan).toMatchObject({ serial: ok.serial, fitForUse: true });
    const overdue = stack.demo.cylinders.find((c) => c.condition === 'INSPECTION_OVERDUE')!;
    const late = await graphqlHttp<{ cylinderScan: { inspectionValid: boolean } }>(stack.urls.graphql, SCAN, { t: overdue.tag }, {});
    expect(late.data!.cylinderScan.inspectionValid).toBe(false);
    const mixed = await graphqlHttp(
      stack.urls.graphql,
      `query($t: String!) { cylinderScan(tag: $t) { serial } cylinders(first: 1) { totalCount } }`,
      { t: ok.tag },
      {},
    );
    expect(mixed.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('is rate-limited per address: 429 with RATE_LIMITED past the limit', async () => {
    const tag = stack.demo.cylinders[0]!.tag;
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < 40; i++) codes.push((await graphqlHttp(stack.urls.graphql, SCAN, { t: tag }, {})).errors?.[0]?.extensions?.code as string | undefined);
    expect(codes.filter((c) => c === 'RATE_LIMITED').length).toBeGreaterThan(0);
    const res = await fetch(stack.urls.graphql, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: SCAN, variables: { t: tag } }),
    });
    expect(res.status).toBe(429);
    // A signed-in caller is not held to the public limit.
    const signedIn = await graphqlHttp(stack.urls.graphql, SCAN, { t: tag }, stack.auth);
    expect(signedIn.errors).toBeUndefined();
  });
});
