import { GraphQLID, GraphQLNonNull, GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTEXT_HEADER, ContextSigner, ContextVerifier, generateContextKeys } from '../auth/signed-context';
import type { Logger } from '../logging/logger';
import { startSubgraphServer, type RunningSubgraph, type SubgraphContext } from './subgraph-server';
import { userInputScalar } from './user-input-scalar';

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
      echo: { type: GraphQLString, args: { id: { type: new GraphQLNonNull(GraphQLID) } }, resolve: (_root, args: { id: string }) => args.id },
      since: { type: GraphQLString, args: { from: { type: new GraphQLNonNull(userInputScalar(DateTimeResolver)) } }, resolve: () => 'ok' },
      // What the database driver throws for a value its column cannot take, and for a fault of ours.
      byUuid: {
        type: GraphQLString,
        args: { id: { type: new GraphQLNonNull(GraphQLID) } },
        resolve: (_root, args: { id: string }) => {
          throw Object.assign(new Error(`invalid input syntax for type uuid: "${args.id}" in SELECT … FROM tanks.tank`), { code: '22P02' });
        },
      },
      broken: {
        type: GraphQLString,
        resolve: () => {
          throw Object.assign(new Error('relation "tanks.tank" does not exist'), { code: '42P01' });
        },
      },
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

const post = async (query: string, requestId: string, variables: Record<string, unknown> = {}) => {
  const token = await signer.sign({ tenantId: 'tenant-1', requestId, principal: { kind: 'user', id: 'u-1' }, scopes: ['test:read'] });
  const res = await fetch(subgraph.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [CONTEXT_HEADER]: token },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: (await res.json()) as { data?: Record<string, unknown>; errors?: { message: string; extensions?: unknown }[] } };
};
const ask = async (query: string, requestId: string) => (await post(query, requestId)).body;

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

describe('subgraph client errors', () => {
  it('answers a literal its scalar refused with BAD_USER_INPUT and HTTP 400', async () => {
    const { status, body } = await post('{ since(from: "yesterday") }', 'req-date');
    expect(status).toBe(400);
    expect(body.errors).toEqual([expect.objectContaining({ message: expect.stringContaining('yesterday'), extensions: { code: 'BAD_USER_INPUT' } })]);
  });

  it('refuses a NUL character, which database text cannot hold, with BAD_USER_INPUT and HTTP 400 before any resolver runs', async () => {
    for (const [query, variables] of [
      ['{ echo(id: "a\\u0000") }', {}],
      ['query($id: ID!) { echo(id: $id) }', { id: 'a\u0000' }],
    ] as const) {
      const { status, body } = await post(query, 'req-nul', variables);
      expect(status).toBe(400);
      expect(body.errors?.[0]?.extensions).toEqual({
        code: 'BAD_USER_INPUT',
        fields: [{ field: expect.stringMatching(/^\$?id$/), message: expect.any(String) }],
      });
    }
  });

  it('answers a value the database refused (a data exception) with BAD_USER_INPUT, without the SQL; any other database error stays internal', async () => {
    const refused = await ask(`{ byUuid(id: "'; DROP TABLE tanks.tank; --") }`, 'req-uuid');
    expect(refused.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT' });
    expect(JSON.stringify(refused)).not.toMatch(/SELECT|tanks\.tank|uuid/);
    const internal = await ask('{ broken }', 'req-broken');
    expect(internal.errors?.[0]).toMatchObject({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });
});
