import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from 'graphql-ws';
import { createApiKey } from './identity/api-keys';
import { ensureTenant } from './identity/users';
import { collect, wsClient, type CollectedSubscription } from './testing/ws-subscription';
import { startFixtureStack, waitUntil, type FixtureStack } from './testing/fixture-stack';

const PER_CONNECTION = 10;
const PER_PRINCIPAL = 25;
let stack: FixtureStack;
let noisyAuth: { authorization: string };
const clients: Client[] = [];
beforeAll(async () => {
  stack = await startFixtureStack({ subscriptions: { maxPerConnection: PER_CONNECTION, maxPerPrincipal: PER_PRINCIPAL } });
  const noisyTenant = randomUUID();
  await ensureTenant(stack.db, noisyTenant, 'Noisy Gas Co.');
  // 20 operations or events a second, twice the default.
  const key = await createApiKey(stack.db, noisyTenant, { name: 'noisy', scopes: ['*:read'], ratePerMinute: 1_200 }, 'system');
  noisyAuth = { authorization: `Bearer ${key.secret}` };
  for (let n = 1; n <= 6; n++) stack.catalog.store.tanks.set(`noisy-${n}`, { id: `noisy-${n}`, name: `N-${n}`, site: { id: 'site-9', name: 'Far depot' } });
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await stack.close();
});

const WATCH = (ids: string[]) => ({
  query: 'subscription Watch($ids: [ID!]) { tankChanged(tankIds: $ids) { id name site { name } reading { levelMm } } }',
  variables: { ids },
});
const NOISY_TANKS = ['noisy-1', 'noisy-2', 'noisy-3', 'noisy-4', 'noisy-5', 'noisy-6'];
const errorOf = async (sub: CollectedSubscription) => {
  const settled = await Promise.race([sub.ended, new Promise((resolve) => setTimeout(() => resolve('open'), 300))]);
  return settled === 'open' ? 'open' : ((settled as { error?: { extensions?: unknown }[] }).error?.[0]?.extensions ?? 'completed');
};
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;

describe('a noisy tenant', () => {
  it('is refused subscriptions past the limits per connection and per key, with TOO_MANY_SUBSCRIPTIONS', async () => {
    const opened = [0, 1, 2].map(() => {
      const client = wsClient(stack.gateway.wsUrl, noisyAuth);
      clients.push(client);
      return Array.from({ length: PER_CONNECTION + 2 }, () => collect(client, WATCH(NOISY_TANKS)));
    });
    const outcomes = await Promise.all(opened.map((subs) => Promise.all(subs.map(errorOf))));
    const open = outcomes.flat().filter((o) => o === 'open');
    expect(open).toHaveLength(PER_PRINCIPAL);
    expect(outcomes[0]!.slice(PER_CONNECTION)).toEqual([
      { code: 'TOO_MANY_SUBSCRIPTIONS', limit: 'connection', max: PER_CONNECTION },
      { code: 'TOO_MANY_SUBSCRIPTIONS', limit: 'connection', max: PER_CONNECTION },
    ]);
    expect(outcomes.flat()).toContainEqual({ code: 'TOO_MANY_SUBSCRIPTIONS', limit: 'principal', max: PER_PRINCIPAL });
  });

  it("cannot push a quiet tenant's event latency up while it floods its own subscriptions", async () => {
    await waitUntil('the noisy subscriptions are open upstream', () => stack.live.feed.subscribers().length >= 1);
    const quietClient = wsClient(stack.gateway.wsUrl, stack.auth);
    clients.push(quietClient);
    const arrived = new Map<number, number>();
    const stop = quietClient.subscribe(WATCH(['tank-1']), {
      next: (result) => {
        const level = (result.data as { tankChanged?: { reading?: { levelMm: number } } } | undefined)?.tankChanged?.reading?.levelMm;
        if (level !== undefined) arrived.set(level, performance.now());
      },
      error: () => undefined,
      complete: () => undefined,
    });
    await waitUntil('the quiet subscription is open upstream', () => stack.live.feed.subscribers().length >= 2);
    const flood = setInterval(() => {
      NOISY_TANKS.forEach((tankId) => stack.live.feed.emit({ tankId, levelMm: Math.random() * 3000 }));
    }, 10);
    const latencies: number[] = [];
    try {
      // The key may spend a minute's worth of its rate at once (the bucket's burst); what is
      // measured is the flood after that, as it goes on for as long as the tenant likes.
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      for (let level = 1; level <= 40; level++) {
        const sentAt = performance.now();
        stack.live.feed.emit({ tankId: 'tank-1', levelMm: level });
        await waitUntil('the quiet event arrived', () => arrived.has(level));
        latencies.push(arrived.get(level)! - sentAt);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    } finally {
      clearInterval(flood);
      stop();
    }
    console.info(
      `quiet tenant's event latency under the flood: p50 ${percentile(latencies, 0.5).toFixed(1)} ms, p95 ${percentile(latencies, 0.95).toFixed(1)} ms`,
    );
    // Before the limits and the bounded event path: p50 1,003 ms, p95 2,833 ms (600 subscriptions).
    expect(percentile(latencies, 0.5)).toBeLessThan(25);
    expect(percentile(latencies, 0.95)).toBeLessThan(500);
  });
});
