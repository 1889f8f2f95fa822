import { GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTEXT_HEADER, ContextSigner, ContextVerifier, generateContextKeys } from '../auth/signed-context';
import type { Logger } from '../logging/logger';
import { startSubgraphServer, type RunningSubgraph, type SubgraphContext } from './subgraph-server';

const keys = generateContextKeys();
const signer = new ContextSigner(keys.privateKeyPem);
const children: Record<string, unknown>[] = [];
const lines: Record<string, unknown>[] = [];
// A logger that records the child loggers made and the lines written through them.
const base = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
const logger = Object.assign(Object.create(base) as Logger, {
  child: (bindings: Record<string, unknown>) => (children.push(bindings), base.child(bindings)),
});
const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: {
      quiet: { type: GraphQLString, resolve: () => 'ok' },
      noisy: { type: GraphQLString, resolve: (_root, _args, ctx: SubgraphContext) => (ctx.logger.info('resolving noisy'), 'ok') },
    },
  }),
});

let subgraph: RunningSubgraph;
beforeAll(async () => {
  subgraph = await startSubgraphServer({
    name: 'test',
    schema,
    port: 0,
    host: '127.0.0.1',
    logger,
    contextVerifier: new ContextVerifier(keys.publicKeyPem),
    domain: 'test',
  });
});
afterAll(() => subgraph.close());

const ask = async (query: string, requestId: string) => {
  const token = await signer.sign({ tenantId: 'tenant-1', requestId, principal: { kind: 'user', id: 'u-1' }, scopes: ['test:read'] });
  const res = await fetch(subgraph.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [CONTEXT_HEADER]: token },
    body: JSON.stringify({ query }),
  });
  return (await res.json()) as { data?: Record<string, unknown> };
};

describe('subgraph request logger', () => {
  it('is made only for requests that log, and carries their tenant and request id', async () => {
    children.length = 0;
    expect((await ask('{ quiet }', 'req-quiet')).data).toEqual({ quiet: 'ok' });
    expect(children).toEqual([]);
    expect((await ask('{ noisy }', 'req-noisy')).data).toEqual({ noisy: 'ok' });
    expect(children).toEqual([{ tenantId: 'tenant-1', requestId: 'req-noisy' }]);
    expect(lines.find((line) => line.msg === 'resolving noisy')).toMatchObject({ tenantId: 'tenant-1', requestId: 'req-noisy' });
  });
});
