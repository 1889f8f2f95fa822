import { buildSubgraphSchema, type SubgraphContext } from '@hearth/platform/graphql';
import { createPubSub } from '@graphql-yoga/subscription';
import type { GraphQLSchema } from 'graphql';
import { Tank } from './tank.entity';
import { depsOfSchema, TankHistoryResolver, TankTwinResolver } from './tank-twin.resolver';
import type { TwinsDeps } from './twins-deps';

/** The twins subgraph: live fields on domain entities and the Subscription root. */
export async function buildTwinsSchema(deps: TwinsDeps): Promise<GraphQLSchema> {
  const resolvers = [new TankTwinResolver(deps), new TankHistoryResolver(deps)];
  const schema = await buildSubgraphSchema(
    {
      resolvers: [TankTwinResolver, TankHistoryResolver],
      orphanedTypes: [Tank],
      // type-graphql refuses to build subscriptions without a PubSub, though ours bring their own
      // `subscribe` (tenant filtering and abort on unsubscribe live in TwinEvents).
      pubSub: createPubSub(),
      container: { get: (cls: unknown) => resolvers.find((r) => r.constructor === cls) },
    },
    // Any tank id resolves; the twin field decides per tenant what is visible.
    { Tank: { __resolveReference: (ref: { id: string }, _ctx: SubgraphContext) => ({ id: ref.id }) } },
  );
  depsOfSchema.set(schema, deps);
  return schema;
}
