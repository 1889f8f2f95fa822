import { buildSubgraphSchema } from '@apollo/subgraph';
import { GraphQLScalarType, parse, type ExecutionResult } from 'graphql';
import { describe, expect, it } from 'vitest';
import { subscribeOnceCoerced } from './subscribe-once-coerced';

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
});
