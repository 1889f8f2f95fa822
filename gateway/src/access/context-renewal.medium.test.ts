import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, wsClient } from '../testing/ws-subscription';
import { startFixtureStack, waitUntil, type FixtureStack } from '../testing/fixture-stack';

let stack: FixtureStack;
beforeAll(async () => {
  // Contexts valid 1 s (plus the verifier's 5 s clock tolerance): a subscription outlives several.
  stack = await startFixtureStack({ contextTtlSeconds: 1 });
});
afterAll(() => stack.close());

describe('signed context of a long subscription', () => {
  it('is renewed, so entity fields of events long after subscribing still resolve', async () => {
    const client = wsClient(stack.gateway.wsUrl, stack.auth);
    const sub = collect(client, { query: 'subscription { tankChanged(tankIds: ["tank-1"]) { name reading { levelMm } } }' });
    await waitUntil('subscribed', () => stack.live.feed.subscribers().length === 1);
    stack.live.feed.emit({ tankId: 'tank-1', levelMm: 1 });
    await waitUntil('the first event', () => sub.results.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 7000));
    stack.live.feed.emit({ tankId: 'tank-1', levelMm: 2 });
    await waitUntil('the second event', () => sub.results.length === 2);
    expect(sub.results[1]).toEqual({ data: { tankChanged: { name: 'T-1', reading: { levelMm: 2 } } } });
    await client.dispose();
  }, 20_000);
});
