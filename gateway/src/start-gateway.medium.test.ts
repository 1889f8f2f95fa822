import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TENANT_ID, freePort } from '@hearth/platform';
import { graphqlData, graphqlHttp } from '@hearth/testkit/graphql-http';
import { startCatalogSubgraph } from '@hearth/testkit/fixtures/catalog/index';
import { startLiveSubgraph } from '@hearth/testkit/fixtures/live/index';
import { startGateway } from './start-gateway';
import { fixtureGatewayOptions, identityFixture, startFixtureStack, testLogger, waitUntil, type FixtureStack } from './testing/fixture-stack';

let stack: FixtureStack;
beforeAll(async () => {
  stack = await startFixtureStack({ corsOrigins: ['https://console.example'] });
});
afterAll(() => stack.close());

describe('gateway over HTTP', () => {
  it('answers a query whose fields come from two subgraphs', async () => {
    stack.live.feed.emit({ tankId: 'tank-1', levelMm: 1500 });
    const data = await graphqlData(stack.gateway.graphqlUrl, '{ tanks { id name site { name } reading { levelMm } } }', {}, stack.auth);
    expect(data).toEqual({
      tanks: [
        {
          id: 'tank-1',
          name: 'T-1',
          site: { name: 'North depot' },
          reading: { levelMm: 1500 },
        },
        {
          id: 'tank-2',
          name: 'T-2',
          site: { name: 'South station' },
          reading: null,
        },
      ],
    });
  });

  it("forwards the caller's tenant, key, scopes and request id to the subgraphs, signed", async () => {
    await graphqlData(stack.gateway.graphqlUrl, '{ tanks { name } }', {}, { ...stack.auth, 'x-request-id': 'req-http-1' });
    expect(stack.catalog.store.seen).toContainEqual({
      tenantId: DEMO_TENANT_ID,
      requestId: 'req-http-1',
      principal: { kind: 'apiKey', id: expect.any(String) },
      scopes: ['*:read', '*:write'],
    });
  });

  it('ignores a tenant header: the tenant comes from the credential', async () => {
    await graphqlData(
      stack.gateway.graphqlUrl,
      '{ tanks { name } }',
      {},
      { ...stack.auth, 'x-hearth-tenant-id': 'someone-else', 'x-request-id': 'req-http-2' },
    );
    expect(stack.catalog.store.seen.find((c) => c.requestId === 'req-http-2')?.tenantId).toBe(DEMO_TENANT_ID);
  });

  it('refuses anonymous callers everything but logging in', async () => {
    const res = await fetch(stack.gateway.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ tanks { name } }' }),
    });
    expect(res.status).toBe(401);
    const body = (await res.json()) as { errors: { extensions: Record<string, unknown> }[] };
    expect(body.errors[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'missing' });
  });

  it('passes a subgraph error with a registry code through unmasked', async () => {
    const res = await graphqlHttp(stack.gateway.graphqlUrl, 'mutation { renameTank(id: "nope", name: "x") { id } }', {}, stack.auth);
    expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('points a subscription sent over HTTP to graphql-ws', async () => {
    const res = await fetch(stack.gateway.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...stack.auth },
      body: JSON.stringify({ query: 'subscription { tankChanged { id } }' }),
    });
    const body = (await res.json()) as {
      errors: { message: string; extensions: { code: string } }[];
    };
    expect(res.status).toBe(400);
    expect(body.errors[0]?.extensions.code).toBe('BAD_REQUEST');
    expect(body.errors[0]?.message).toMatch(/graphql-ws/);
  });

  it('allows only the configured browser origins (CORS)', async () => {
    const preflight = (origin: string) =>
      fetch(stack.gateway.graphqlUrl, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST' },
      });
    expect((await preflight('https://console.example')).headers.get('access-control-allow-origin')).toBe('https://console.example');
    expect((await preflight('https://elsewhere.example')).headers.get('access-control-allow-origin')).toBeNull();
    // A partner's web page may read its rate-limit state.
    expect((await preflight('https://console.example')).headers.get('access-control-expose-headers')).toContain('ratelimit-remaining');
  });

  it('serves /healthz and /readyz on its public port', async () => {
    expect((await fetch(`${stack.gateway.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${stack.gateway.url}/readyz`)).status).toBe(200);
  });

  it('serves /metrics on its internal loopback port only, never on the public one', async () => {
    expect(stack.gateway.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(new URL(stack.gateway.metricsUrl!).port).not.toBe(String(stack.gateway.port));
    expect(await (await fetch(`${stack.gateway.metricsUrl}/metrics`)).text()).toContain('hearth_gateway_upstream_subscriptions');
    const onPublicPort = await fetch(`${stack.gateway.url}/metrics`);
    expect(onPublicPort.status).toBe(404);
    expect(await onPublicPort.text()).not.toContain('hearth_');
  });
});

describe('gateway start-up before its subgraphs', () => {
  it('stays up, not ready, and loads the supergraph once the subgraphs answer', async () => {
    const [catalogPort, livePort] = [await freePort(), await freePort()];
    const logger = testLogger();
    const url = (port: number) => `http://127.0.0.1:${port}/graphql`;
    const { db, auth } = await identityFixture();
    const gateway = await startGateway({
      ...fixtureGatewayOptions(db, logger),
      subgraphs: [
        { name: 'catalog', url: url(catalogPort) },
        { name: 'live', url: url(livePort) },
      ],
    });
    try {
      expect((await fetch(`${gateway.url}/readyz`)).status).toBe(503);
      const early = await graphqlHttp(gateway.graphqlUrl, '{ tanks { name } }', {}, auth);
      expect(early.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
      const catalog = await startCatalogSubgraph({ port: catalogPort, logger });
      const live = await startLiveSubgraph({ port: livePort, logger });
      try {
        await waitUntil('the gateway is ready', async () => (await fetch(`${gateway.url}/readyz`)).status === 200, 10_000);
        expect(await graphqlData(gateway.graphqlUrl, '{ tanks { name } }', {}, auth)).toEqual({ tanks: [{ name: 'T-1' }, { name: 'T-2' }] });
      } finally {
        await Promise.all([catalog.close(), live.close()]);
      }
    } finally {
      await gateway.close();
      await db.close();
    }
  });
});
