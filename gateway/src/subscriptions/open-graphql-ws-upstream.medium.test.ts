import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import type { GraphQLError } from 'graphql';
import { CONTEXT_HEADER } from '@hearth/platform';
import { testContext } from '@hearth/testkit/signed-context';
import { waitUntil } from '@hearth/testkit/eventually';
import { testLogger } from '../testing/test-logger';
import { openGraphqlWsUpstream } from './open-graphql-ws-upstream';

let server: WebSocketServer | undefined;
afterEach(async () => {
  for (const socket of server?.clients ?? []) socket.terminate();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

/** A subgraph that accepts the connection and the subscription, then freezes: it never answers a ping. */
async function frozenSubgraph(): Promise<{
  url: string;
  init: Promise<unknown>;
}> {
  const wss = new WebSocketServer({
    port: 0,
    host: '127.0.0.1',
    handleProtocols: () => 'graphql-transport-ws',
  });
  server = wss;
  await new Promise((resolve) => wss.once('listening', resolve));
  const init = new Promise<unknown>((resolve) =>
    wss.on('connection', (socket) =>
      socket.on('message', (raw) => {
        const message = JSON.parse(String(raw)) as {
          type: string;
          payload?: unknown;
        };
        if (message.type === 'connection_init') {
          resolve(message.payload);
          socket.send(JSON.stringify({ type: 'connection_ack' }));
        }
      }),
    ),
  );
  return {
    url: `http://127.0.0.1:${(wss.address() as AddressInfo).port}/graphql`,
    init,
  };
}

describe('upstream graphql-ws subscriptions', () => {
  it('carry the caller context and give up on a subgraph that stops answering pings', async () => {
    const { url, init } = await frozenSubgraph();
    const open = openGraphqlWsUpstream({
      heartbeatMs: 100,
      logger: testLogger(),
      sign: (context) => testContext.signer.sign(context),
    });
    const failed = new Promise<readonly GraphQLError[]>((resolve) => {
      open(
        {
          serviceName: 'frozen',
          url,
          query: 'subscription { tick }',
          variables: {},
          tenantId: 'tenant-up',
          requestId: 'req-up',
        },
        { next: () => {}, error: resolve, complete: () => resolve([]) },
      );
    });
    // The gateway subscribes for the tenant, signed, with the one scope it needs there.
    const params = (await init) as Record<string, string>;
    expect(await testContext.verifier.verify(params[CONTEXT_HEADER])).toEqual({
      tenantId: 'tenant-up',
      requestId: 'req-up',
      principal: { kind: 'service', id: 'gateway' },
      scopes: ['frozen:read'],
    });
    const started = Date.now();
    const errors = await failed;
    expect(errors[0]?.extensions).toEqual({
      code: 'UPSTREAM_UNAVAILABLE',
      serviceName: 'frozen',
    });
    // One ping interval, then one unanswered-pong interval.
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('share one connection per subgraph and tenant, closed when its last subscription leaves', async () => {
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', handleProtocols: () => 'graphql-transport-ws' });
    server = wss;
    await new Promise((resolve) => wss.once('listening', resolve));
    const subscribed: string[] = [];
    wss.on('connection', (socket) =>
      socket.on('message', (raw) => {
        const message = JSON.parse(String(raw)) as { type: string; id?: string };
        if (message.type === 'connection_init') socket.send(JSON.stringify({ type: 'connection_ack' }));
        if (message.type === 'subscribe') subscribed.push(message.id!);
      }),
    );
    const url = `http://127.0.0.1:${(wss.address() as AddressInfo).port}/graphql`;
    const open = openGraphqlWsUpstream({ heartbeatMs: 10_000, logger: testLogger(), sign: (context) => testContext.signer.sign(context) });
    const sink = { next: () => {}, error: () => {}, complete: () => {} };
    const request = (tank: string, tenantId: string) => ({
      serviceName: 'twins',
      url,
      query: 'subscription($id: ID) { tick(id: $id) }',
      variables: { id: tank },
      tenantId,
      requestId: tank,
    });
    const leave = [open(request('a', 't1'), sink), open(request('b', 't1'), sink), open(request('c', 't1'), sink), open(request('a', 't2'), sink)];
    await waitUntil('every subscription reached the subgraph', () => subscribed.length === 4);
    expect(wss.clients.size).toBe(2);
    leave.slice(0, 2).forEach((l) => l());
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(wss.clients.size).toBe(2);
    leave.slice(2).forEach((l) => l());
    await waitUntil('both connections closed', () => wss.clients.size === 0);
  });
});
