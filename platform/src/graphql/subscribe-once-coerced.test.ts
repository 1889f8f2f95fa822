import { buildSubgraphSchema } from '@apollo/subgraph';
import { GraphQLScalarType, parse, type ExecutionResult, type GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { HearthError } from '../errors/hearth-error';
import { compiledSubscriptions, subscribeOnceCoerced } from './subscribe-once-coerced';

/** A subgraph whose subscription takes a list of ids of a scalar that counts its coercions. */
function counted() {
  let coercions = 0;
  const released: string[] = [];
  const TankId = new GraphQLScalarType({ name: 'TankId', parseValue: (v) => (coercions++, String(v).toUpperCase()) });
  const schema = buildSubgraphSchema({
    typeDefs: parse(`
      scalar TankId
      type Change { id: String! seen: [String!]! }
      type Query { ping: Boolean }
      type Subscription { changed(ids: [TankId!]!, note: String = "default"): Change }
    `),
    resolvers: {
      TankId,
      Subscription: {
        changed: {
          subscribe: async function* (_root: unknown, args: { ids: string[] }) {
            try {
              for (const id of args.ids) yield { id };
              await new Promise(() => undefined); // then quiet, until the subscriber leaves
            } finally {
              released.push('source');
            }
          },
          resolve: (event: { id: string }, args: { ids: string[]; note: string }) => ({ id: event.id, seen: [...args.ids, args.note] }),
        },
      },
    } as never,
  });
  return { schema, coercions: () => coercions, released };
}

describe('subscriptions coerced once', () => {
  it('coerces the variables when the subscription starts, not again for each event, and resolvers see the same arguments', async () => {
    const { schema, coercions, released } = counted();
    const ids = Array.from({ length: 50 }, (_, n) => `t${n}`);
    const stream = (await subscribeOnceCoerced({
      schema,
      document: parse('subscription($ids: [TankId!]!, $note: String = "default") { changed(ids: $ids, note: $note) { id seen } }'),
      variableValues: { ids },
    })) as AsyncIterableIterator<ExecutionResult>;
    const events = [];
    for (let n = 0; n < 50; n++) events.push((await stream.next()).value);
    expect(events[49]).toEqual({ data: { changed: { id: 'T49', seen: [...ids.map((id) => id.toUpperCase()), 'default'] } } });
    // Once to open the source stream, once for the events: not fifty times more.
    expect(coercions()).toBe(2 * ids.length);
    await stream.return!();
    expect(released).toEqual(['source']);
  });

  it('answers a subscription that cannot start with its errors', async () => {
    const { schema } = counted();
    const result = await subscribeOnceCoerced({ schema, document: parse('subscription($ids: [TankId!]!) { changed(ids: $ids) { id } }'), variableValues: {} });
    expect((result as ExecutionResult).errors?.[0]?.message).toMatch(/\$ids/);
  });

  it('compiles each operation text once, whatever the variables, and answers events as graphql does: scalars serialised, errors with their code and path', async () => {
    const schema = buildSubgraphSchema({
      typeDefs: parse(`
        scalar DateTime
        interface Reading { at: DateTime! }
        type Level implements Reading { at: DateTime! mm: Float! }
        type Fault implements Reading { at: DateTime! code: String! }
        type Query { ping: Boolean }
        type Subscription { readings(tank: String!): Reading broken(tank: String!): Level }
      `),
      resolvers: {
        DateTime: new GraphQLScalarType({ name: 'DateTime', serialize: (d) => (d as Date).toISOString() }),
        Reading: { __resolveType: (r: { mm?: number }) => (r.mm === undefined ? 'Fault' : 'Level') },
        Level: { mm: (r: { mm: number }) => r.mm },
        Subscription: {
          readings: {
            subscribe: async function* (_: unknown, args: { tank: string }) {
              yield { at: new Date(0), mm: args.tank.length };
              yield { at: new Date(1000), code: 'E1' };
            },
            resolve: (r: unknown) => r,
          },
          broken: {
            subscribe: async function* () {
              yield { at: new Date(0) };
            },
            resolve: () => {
              throw new HearthError('LIMIT_EXCEEDED', 'too many');
            },
          },
        },
      } as never,
    });
    const text = 'subscription($tank: String!) { readings(tank: $tank) { __typename at ... on Level { mm } ... on Fault { code } } }';
    const events = async (tank: string) => {
      const stream = (await subscribeOnceCoerced({ schema, document: parse(text), variableValues: { tank } })) as AsyncIterableIterator<ExecutionResult>;
      const seen = [(await stream.next()).value, (await stream.next()).value];
      await stream.return!();
      return seen;
    };
    expect(await events('abc')).toEqual([
      { data: { readings: { __typename: 'Level', at: '1970-01-01T00:00:00.000Z', mm: 3 } } },
      { data: { readings: { __typename: 'Fault', at: '1970-01-01T00:00:01.000Z', code: 'E1' } } },
    ]);
    await events('abcdef');
    expect(compiledSubscriptions(schema)).toBe(1);

    const broken = (await subscribeOnceCoerced({
      schema,
      document: parse('subscription { broken(tank: "t") { mm } }'),
    })) as AsyncIterableIterator<ExecutionResult>;
    const { value } = await broken.next();
    expect(compiledSubscriptions(schema)).toBe(2);
    expect(value.data).toEqual({ broken: null });
    expect(value.errors?.map((e: GraphQLError) => ({ message: e.message, path: e.path, code: e.extensions.code }))).toEqual([
      { message: 'too many', path: ['broken'], code: 'LIMIT_EXCEEDED' },
    ]);
  });
});
