import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import WebSocket from 'ws';
import type { Logger } from '@hearth/platform';
import { startFixtureStack, waitUntil, type FixtureStack } from './testing/fixture-stack';

const SUBSCRIPTIONS = 1_000;
const lines: { level: number; msg: string }[] = [];
let stack: FixtureStack;
beforeAll(async () => {
  // The gateway's own lines, as its log would have them (debug and up).
  const logger = pino(
    { level: 'debug' },
    { write: (line: string) => void lines.push(JSON.parse(line) as { level: number; msg: string }) },
  ) as unknown as Logger;
  stack = await startFixtureStack({ logger, subscriptions: { maxPerConnection: SUBSCRIPTIONS, maxPerPrincipal: SUBSCRIPTIONS } });
});
afterAll(() => stack.close());

describe('a client going away', () => {
  it('is not an error: closing a socket with 1,000 subscriptions and events in flight writes at most one info or debug line', async () => {
    const socket = new WebSocket(stack.gateway.wsUrl, 'graphql-transport-ws');
    await new Promise((resolve) => socket.once('open', resolve));
    const acked = new Promise((resolve) => socket.once('message', resolve));
    socket.send(JSON.stringify({ type: 'connection_init', payload: stack.auth }));
    await acked;
    for (let i = 0; i < SUBSCRIPTIONS; i++) {
      const query = `subscription { tankChanged(tankIds: ["tank-1", "t-${i}"]) { id name reading { levelMm } } }`;
      socket.send(JSON.stringify({ id: String(i), type: 'subscribe', payload: { query } }));
    }
    await waitUntil('every subscription is open upstream', () => stack.live.feed.subscribers().length === SUBSCRIPTIONS, 30_000);
    let received = 0;
    socket.on('message', () => received++);
    for (let level = 1; level <= 3; level++) stack.live.feed.emit({ tankId: 'tank-1', levelMm: level });
    await waitUntil('events are flowing', () => received > 0);
    const before = lines.length;
    socket.close();
    await waitUntil('every upstream subscription is closed', () => stack.live.feed.subscribers().length === 0, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const written = lines.slice(before);
    expect(written.filter((line) => line.level >= 40)).toEqual([]);
    expect(written.length).toBeLessThanOrEqual(1);
  });
});
