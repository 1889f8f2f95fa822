import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { Client } from 'graphql-ws';
import WebSocket from 'ws';
import { DEMO_TENANT_ID } from '@hearth/platform';
import { collect, wsClient } from './testing/ws-subscription';
import { metricValue, startFixtureStack, waitUntil, type FixtureStack } from './testing/fixture-stack';

const BUFFER = 3;
let stack: FixtureStack;
beforeAll(async () => {
  stack = await startFixtureStack({
    // One event resolved at a time and no cached entity fields, so a held entity fetch holds the queue.
    subscriptions: { bufferSize: BUFFER, heartbeatMs: 200, readAhead: 1, liveSubgraphs: ['catalog'] },
    corsOrigins: ['https://console.example'],
  });
});
afterAll(() => stack.close());

// Every test starts with no subscriptions, even after a failed one.
let clients: Client[] = [];
const client = (params?: Record<string, string>) => {
  const created = wsClient(stack.gateway.wsUrl, { ...stack.auth, ...params });
  clients.push(created);
  return created;
};
afterEach(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  clients = [];
  await waitUntil('every upstream subscription is closed', () => upstreams() === 0);
});

const TANK_CHANGED = `subscription Watch($ids: [ID!]) {
  changed: tankChanged(tankIds: $ids) { __typename name site { where: name } reading { levelMm } }
}`;
const upstreams = () => stack.live.feed.subscribers().length;

describe('subscriptions through the gateway', () => {
  it('completes each event with fields from the other subgraph, shaped to the selection', async () => {
    const sub = collect(client(), {
      query: TANK_CHANGED,
      variables: { ids: ['tank-1'] },
    });
    await waitUntil('the upstream subscription is open', () => upstreams() === 1);
    stack.live.feed.emit({ tankId: 'tank-1', levelMm: 1234 });
    await waitUntil('one event arrived', () => sub.results.length === 1);
    expect(sub.results[0]).toEqual({
      data: {
        changed: {
          __typename: 'Tank',
          name: 'T-1',
          site: { where: 'North depot' },
          reading: { levelMm: 1234 },
        },
      },
    });
    // The subscription path forwards the caller's tenant like queries do: to the live subgraph
    // (signed by the gateway for the tenant) and to the catalog's entity fetch (as the caller).
    expect(stack.live.feed.subscribers()[0]).toMatchObject({
      tenantId: DEMO_TENANT_ID,
      tankIds: ['tank-1'],
    });
    expect(stack.catalog.store.seen.at(-1)).toMatchObject({ tenantId: DEMO_TENANT_ID, principal: { kind: 'apiKey' } });
    sub.dispose();
    await waitUntil('the upstream subscription is closed', () => upstreams() === 0);
  });

  it('shares one upstream subscription between identical client subscriptions', async () => {
    const first = collect(client(), {
      query: TANK_CHANGED,
      variables: { ids: ['tank-2'] },
    });
    const second = collect(client(), {
      query: TANK_CHANGED,
      variables: { ids: ['tank-2'] },
    });
    await waitUntil('both clients subscribed', async () => (await metricValue(stack.gateway, 'hearth_gateway_client_subscriptions')) === 2);
    await waitUntil('the upstream subscription is open', () => upstreams() === 1);
    stack.live.feed.emit({ tankId: 'tank-2', levelMm: 900 });
    await waitUntil('both received the event', () => first.results.length === 1 && second.results.length === 1);
    expect(upstreams()).toBe(1);
    expect(second.results).toEqual(first.results);
    first.dispose();
    await waitUntil('the first client left', async () => (await metricValue(stack.gateway, 'hearth_gateway_client_subscriptions')) === 1);
    expect(upstreams()).toBe(1);
    second.dispose();
    await waitUntil('the last client left and the upstream closed', () => upstreams() === 0);
  });

  it('refuses an invalid subscription with a validation error and opens nothing upstream', async () => {
    const { ended } = collect(client(), {
      query: 'subscription { tankChanged { levelMm } }',
    });
    const { error } = await ended;
    expect(error).toEqual([
      expect.objectContaining({
        message: expect.stringContaining('Cannot query field "levelMm" on type "Tank"'),
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      }),
    ]);
    expect(upstreams()).toBe(0);
  });

  it('runs queries and mutations sent over the WebSocket through the gateway', async () => {
    stack.live.feed.emit({ tankId: 'tank-2', levelMm: 900 });
    const ws = client();
    const renamed = collect(ws, {
      query: 'mutation { renameTank(id: "tank-2", name: "T-2b") { name reading { levelMm } } }',
    });
    await renamed.ended;
    expect(renamed.results).toEqual([{ data: { renameTank: { name: 'T-2b', reading: { levelMm: 900 } } } }]);
    const listed = collect(ws, { query: '{ tanks { name } }' });
    await listed.ended;
    expect(listed.results).toEqual([{ data: { tanks: [{ name: 'T-1' }, { name: 'T-2b' }] } }]);
  });

  it('keeps only the newest waiting event of each tank for a subscriber that falls behind, and counts the replaced ones', async () => {
    const replaced = 'hearth_gateway_subscription_events_replaced_total{subgraph="live"}';
    const before = await metricValue(stack.gateway, replaced);
    const sub = collect(client(), { query: TANK_CHANGED, variables: { ids: ['tank-1', 'tank-2'] } });
    await waitUntil('the upstream subscription is open', () => upstreams() === 1);
    // Entity fetches stall, so the first event stays in flight and the rest wait behind it.
    const release = stack.catalog.holdEntities();
    onTestFinished(release);
    for (let level = 1; level <= 10; level++) stack.live.feed.emit({ tankId: level % 3 === 0 ? 'tank-2' : 'tank-1', levelMm: level });
    await waitUntil('older waiting events were replaced', async () => (await metricValue(stack.gateway, replaced)) - before === 7);
    release();
    await waitUntil('the kept events arrived', () => sub.results.length === 3);
    const levels = sub.results.map((r) => (r.data as { changed: { reading: { levelMm: number } } }).changed.reading.levelMm);
    // 1 was in flight; tank-1 then waited with 2, replaced up to 10; tank-2 with 3, replaced by 6 and 9.
    expect(levels).toEqual([1, 10, 9]);
  });

  it('drops the oldest waiting tank of a subscriber with more tanks waiting than its buffer, and counts it', async () => {
    const dropped = 'hearth_gateway_subscription_events_dropped_total{subgraph="live"}';
    const before = await metricValue(stack.gateway, dropped);
    const ids = ['tank-1', 'tank-2', 'tank-3', 'tank-4', 'tank-5', 'tank-6'];
    for (const id of ids.slice(2)) stack.catalog.store.tanks.set(id, { id, name: id.toUpperCase(), site: { id: 'site-1', name: 'North depot' } });
    const sub = collect(client(), { query: TANK_CHANGED, variables: { ids } });
    await waitUntil('the upstream subscription is open', () => upstreams() === 1);
    const release = stack.catalog.holdEntities();
    onTestFinished(release);
    ids.forEach((tankId, n) => stack.live.feed.emit({ tankId, levelMm: n }));
    // tank-1 is in flight; five tanks wait for three places: the two oldest go.
    await waitUntil('the overflow was dropped', async () => (await metricValue(stack.gateway, dropped)) - before === 2);
    release();
    await waitUntil('the kept events arrived', () => sub.results.length === 4);
    expect(sub.results.map((r) => (r.data as { changed: { reading: { levelMm: number } } }).changed.reading.levelMm)).toEqual([0, 3, 4, 5]);
  });

  it('pings clients to keep the connection alive', async () => {
    const socket = new WebSocket(stack.gateway.wsUrl, 'graphql-transport-ws');
    const pinged = new Promise<boolean>((resolve) => socket.once('ping', () => resolve(true)));
    expect(await Promise.race([pinged, new Promise((resolve) => setTimeout(() => resolve(false), 2_000))])).toBe(true);
    socket.close();
  });

  it('refuses WebSocket connections from browser origins it does not allow', async () => {
    const open = (origin: string) =>
      new Promise<string>((resolve) => {
        const socket = new WebSocket(stack.gateway.wsUrl, 'graphql-transport-ws', { origin });
        socket.once('open', () => (socket.close(), resolve('open')));
        socket.once('unexpected-response', (_req, res) => resolve(`refused ${res.statusCode}`));
      });
    expect(await open('https://console.example')).toBe('open');
    expect(await open('https://elsewhere.example')).toBe('refused 401');
  });
});
