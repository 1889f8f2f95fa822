import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { graphqlHttp } from '@hearth/testkit/graphql-http';
import { collect, wsClient } from './testing/ws-subscription';
import { startFixtureStack, waitUntil, type FixtureStack } from './testing/fixture-stack';

let stack: FixtureStack;
beforeEach(async () => {
  stack = await startFixtureStack();
});
afterEach(() => stack.close());

const WATCH = 'subscription { tankChanged(tankIds: ["tank-1"]) { id name reading { levelMm } } }';

describe('when a subgraph goes away', () => {
  it('ends a subscription whose subgraph stopped with UPSTREAM_UNAVAILABLE, then completes it', async () => {
    const client = wsClient(stack.gateway.wsUrl, stack.auth);
    const sub = collect(client, { query: WATCH });
    await waitUntil('the upstream subscription is open', () => stack.live.feed.subscribers().length === 1);
    await stack.live.close();
    expect(await sub.ended).toEqual({});
    expect(sub.results).toHaveLength(1);
    expect(sub.results[0]?.errors?.[0]?.extensions).toEqual({
      code: 'UPSTREAM_UNAVAILABLE',
      serviceName: 'live',
    });
    await client.dispose();
  });

  it('answers a query needing a stopped subgraph with UPSTREAM_UNAVAILABLE', async () => {
    await stack.catalog.close();
    const res = await graphqlHttp(stack.gateway.graphqlUrl, '{ tanks { name } }', {}, stack.auth);
    expect(res.errors?.[0]?.extensions).toEqual({
      code: 'UPSTREAM_UNAVAILABLE',
      serviceName: 'catalog',
    });
    expect(res.errors?.[0]?.message).not.toContain('127.0.0.1');
  });

  it('reports a stopped subgraph inside a subscription event that needs its fields', async () => {
    const client = wsClient(stack.gateway.wsUrl, stack.auth);
    const sub = collect(client, { query: WATCH });
    await waitUntil('the upstream subscription is open', () => stack.live.feed.subscribers().length === 1);
    await stack.catalog.close();
    stack.live.feed.emit({ tankId: 'tank-1', levelMm: 700 });
    await waitUntil('the event arrived', () => sub.results.length === 1);
    expect(sub.results[0]?.errors?.[0]?.extensions).toEqual({
      code: 'UPSTREAM_UNAVAILABLE',
      serviceName: 'catalog',
    });
    sub.dispose();
    await client.dispose();
  });
});
