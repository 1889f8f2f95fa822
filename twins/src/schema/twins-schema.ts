import { buildSubgraphSchema, type SubgraphContext } from '@hearth/platform/graphql';
import { createPubSub } from '@graphql-yoga/subscription';
import type { GraphQLSchema } from 'graphql';
import { CommandResolver, TankCommandsResolver } from './command.resolver';
import { Gateway } from './gateway.entity';
import { GatewayRejectionsResolver, GatewayTwinResolver } from './gateway-twin.resolver';
import { Tank } from '../kinds/tank/schema/tank.entity';
import { depsOfSchema, TankHistoryResolver, tankOfChange, TankTwinResolver } from '../kinds/tank/schema/tank-twin.resolver';
import type { TwinsDeps } from './twins-deps';

/** The twins subgraph: live fields on domain entities (Tank, Gateway), desired state and commands, and the Subscription root. */
export async function buildTwinsSchema(deps: TwinsDeps): Promise<GraphQLSchema> {
  const classes = [TankTwinResolver, TankHistoryResolver, GatewayTwinResolver, GatewayRejectionsResolver, CommandResolver, TankCommandsResolver] as const;
  const resolvers = classes.map((R) => new R(deps));
  const schema = await buildSubgraphSchema(
    {
      resolvers: classes,
      orphanedTypes: [Tank, Gateway],
      // type-graphql refuses to build subscriptions without a PubSub, though ours bring their own
      // `subscribe` (tenant filtering and abort on unsubscribe live in TankEvents).
      pubSub: createPubSub(),
      container: { get: (cls: unknown) => resolvers.find((r) => r.constructor === cls) },
    },
    {
      // Any id resolves; the `twin` fields decide per tenant what is visible.
      Tank: { __resolveReference: (ref: { id: string }, _ctx: SubgraphContext) => ({ id: ref.id }) },
      Gateway: { __resolveReference: (ref: { id: string }, _ctx: SubgraphContext) => ({ id: ref.id }) },
      // Each event without type-graphql's per-event conversion of the arguments (see tankOfChange).
      Subscription: { tankTwinChanged: { resolve: tankOfChange } },
    },
  );
  depsOfSchema.set(schema, deps);
  return schema;
}
