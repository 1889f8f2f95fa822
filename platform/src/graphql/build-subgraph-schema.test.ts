import 'reflect-metadata';
import { parse, type ExecutionResult } from 'graphql';
import { createPubSub } from '@graphql-yoga/subscription';
import { Arg, ID, ObjectType, Field, Query, Resolver, Root, Subscription } from 'type-graphql';
import { describe, expect, it } from 'vitest';
import { buildSubgraphSchema } from './build-subgraph-schema';
import { subscribeOnceCoerced } from './subscribe-once-coerced';

@ObjectType()
class Probe {
  @Field(() => ID) id!: string;
}

const calls = { subscribe: [] as string[][], method: 0 };

@Resolver()
class ProbeResolver {
  @Query(() => Boolean)
  ping(): boolean {
    return true;
  }

  @Subscription(() => Probe, {
    subscribe: async function* ({ args }) {
      calls.subscribe.push((args as { ids: string[] }).ids);
      for (const id of (args as { ids: string[] }).ids) yield { id };
    },
  })
  probed(@Root() event: { id: string }, @Arg('ids', () => [ID]) _ids: string[]): Probe {
    calls.method++;
    return { id: event.id };
  }
}

describe('hand-written resolvers over type-graphql', () => {
  it('a subscription field given only `resolve` keeps the `subscribe` type-graphql made, and its events skip the method', async () => {
    const schema = await buildSubgraphSchema(
      { resolvers: [ProbeResolver], pubSub: createPubSub() },
      { Subscription: { probed: { resolve: (event: { id: string }) => ({ id: `hand-${event.id}` }) } } },
    );
    const stream = (await subscribeOnceCoerced({
      schema,
      document: parse('subscription($ids: [ID!]!) { probed(ids: $ids) { id } }'),
      variableValues: { ids: ['a', 'b'] },
    })) as AsyncIterableIterator<ExecutionResult>;
    const events = [(await stream.next()).value, (await stream.next()).value];
    expect(events).toEqual([{ data: { probed: { id: 'hand-a' } } }, { data: { probed: { id: 'hand-b' } } }]);
    expect(calls).toEqual({ subscribe: [['a', 'b']], method: 0 });
    await stream.return!();
  });
});
