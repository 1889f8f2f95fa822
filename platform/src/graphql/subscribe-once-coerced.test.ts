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
    const { schema, events } = readings();
    const text = 'subscription($tank: String!) { levels(tank: $tank) { __typename at mm } }';
    expect(await events(text, { tank: 'abc' })).toEqual([
      { data: { levels: { __typename: 'Level', at: '1970-01-01T00:00:00.000Z', mm: 3 } } },
      { data: { levels: { __typename: 'Level', at: '1970-01-01T00:00:01.000Z', mm: 4 } } },
    ]);
    await events(text, { tank: 'abcdef' });
    expect(compiledSubscriptions(schema)).toBe(1);

    const [broken] = await events('subscription { broken { mm } }');
    expect(compiledSubscriptions(schema)).toBe(2);
    expect(broken!.data).toEqual({ broken: null });
    expect(broken!.errors?.map((e: GraphQLError) => ({ message: e.message, path: e.path, code: e.extensions.code }))).toEqual([
      { message: 'too many', path: ['broken'], code: 'LIMIT_EXCEEDED' },
    ]);
  });

  it('leaves to graphql what the compiler may not take: a string a client wrote never runs as code, an interface resolves its type asynchronously, a field without a resolver', async () => {
    const { schema, events } = readings();
    // The compiler renders strings of this form unescaped into the code it generates.
    const injected = '__MAGIC_DATE__33a9e76d_02e0_4128_8e92_3530ad3da74d0),(globalThis.hearthInjected=1),(0';
    const [level] = await events(`subscription { levels(tank: "t", tags: ["a", ${JSON.stringify(injected)}]) { mm } }`);
    expect(level).toEqual({ data: { levels: { mm: 1 } } });
    expect((globalThis as { hearthInjected?: unknown }).hearthInjected).toBeUndefined();

    expect(await events('subscription { readings { __typename at ... on Level { mm } ... on Fault { code } } }')).toEqual([
      { data: { readings: { __typename: 'Level', at: '1970-01-01T00:00:00.000Z', mm: 1 } } },
      { data: { readings: { __typename: 'Fault', at: '1970-01-01T00:00:01.000Z', code: 'E1' } } },
    ]);
    // A field read without a resolver (Plain.at): the compiler would not catch a getter that throws there.
    expect(await events('subscription { plain { at } }')).toEqual([{ data: { plain: { at: '1970-01-01T00:00:00.000Z' } } }]);
    expect(compiledSubscriptions(schema)).toBe(0);
  });
});

/** Readings of a tank: plain levels, an interface of levels and faults (resolved asynchronously, as type-graphql does), and a field that fails. */
function readings() {
  const at = (r: { at: Date }) => r.at;
  const schema = buildSubgraphSchema({
    typeDefs: parse(`
      scalar DateTime
      interface Reading { at: DateTime! }
      type Level implements Reading { at: DateTime! mm: Float! }
      type Fault implements Reading { at: DateTime! code: String! }
      type Query { ping: Boolean }
      type Plain { at: DateTime! }
      type Subscription { levels(tank: String!, tags: [String!]): Level readings: Reading broken: Level plain: Plain }
    `),
    resolvers: {
      DateTime: new GraphQLScalarType({ name: 'DateTime', serialize: (d) => (d as Date).toISOString() }),
      Reading: { __resolveType: async (r: { mm?: number }) => (r.mm === undefined ? 'Fault' : 'Level') },
      Level: { at, mm: (r: { mm: number }) => r.mm },
      Fault: { at, code: (r: { code: string }) => r.code },
      Subscription: {
        levels: {
          subscribe: async function* (_: unknown, args: { tank: string }) {
            yield { at: new Date(0), mm: args.tank.length };
            yield { at: new Date(1000), mm: args.tank.length + 1 };
          },
          resolve: (r: unknown) => r,
        },
        readings: {
          subscribe: async function* () {
            yield { at: new Date(0), mm: 1 };
            yield { at: new Date(1000), code: 'E1' };
          },
          resolve: (r: unknown) => r,
        },
        plain: {
          subscribe: async function* () {
            yield { at: new Date(0) };
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
  /** The first two events (or the only one) of a subscription. */
  const events = async (text: string, variableValues?: Record<string, unknown>) => {
    const stream = (await subscribeOnceCoerced({ schema, document: parse(text), variableValues })) as AsyncIterableIterator<ExecutionResult>;
    const seen: ExecutionResult[] = [];
    for (let n = 0; n < 2; n++) {
      const next = await stream.next();
      if (next.done) break;
      seen.push(next.value);
    }
    await stream.return!();
    return seen;
  };
  return { schema, events };
}
