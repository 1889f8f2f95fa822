import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphqlHttp } from '@hearth/testkit/graphql-http';
import { collect, wsClient } from '../testing/ws-subscription';
import { startFixtureStack, type FixtureStack } from '../testing/fixture-stack';

let stack: FixtureStack;
beforeAll(async () => {
  stack = await startFixtureStack({ introspection: false, limits: { maxDepth: 1, maxTokens: 60, maxAliases: 2 } });
});
afterAll(() => stack.close());

const ask = (query: string) => graphqlHttp(stack.gateway.graphqlUrl, query, {}, stack.auth);
const extensionsOf = (res: { errors?: { extensions?: Record<string, unknown> }[] }) => res.errors?.[0]?.extensions;

describe('operation limits and introspection at the gateway', () => {
  it('refuses a too-deep, too-aliased or too-long operation over HTTP with OPERATION_TOO_COMPLEX', async () => {
    expect((await ask('{ tanks { name } }')).data).toBeTruthy();
    expect(extensionsOf(await ask('{ tanks { site { name } } }'))).toMatchObject({ code: 'OPERATION_TOO_COMPLEX', limit: 'depth', value: 2, max: 1 });
    expect(extensionsOf(await ask('{ a: tanks { name } b: tanks { name } c: tanks { name } }'))).toMatchObject({
      code: 'OPERATION_TOO_COMPLEX',
      limit: 'aliases',
      max: 2,
    });
    expect(extensionsOf(await ask(`{ tanks { ${'name '.repeat(70)} } }`))).toMatchObject({ code: 'OPERATION_TOO_COMPLEX', limit: 'tokens', max: 60 });
  });

  it('refuses the same over graphql-ws, for subscriptions too', async () => {
    const client = wsClient(stack.gateway.wsUrl, stack.auth);
    const sub = collect(client, { query: 'subscription { tankChanged { a: id b: id c: id } }' });
    const ended = (await sub.ended) as { error?: { extensions?: Record<string, unknown> }[] };
    expect(ended.error?.[0]?.extensions).toMatchObject({ code: 'OPERATION_TOO_COMPLEX', limit: 'aliases' });
    expect(stack.live.feed.subscribers()).toHaveLength(0);
    await client.dispose();
  });

  it('answers introspection with INTROSPECTION_DISABLED when it is turned off', async () => {
    expect(extensionsOf(await ask('{ __schema { queryType { name } } }'))).toMatchObject({ code: 'INTROSPECTION_DISABLED' });
    // __typename is not introspection.
    expect((await ask('{ tanks { __typename } }')).data).toBeTruthy();
  });
});
