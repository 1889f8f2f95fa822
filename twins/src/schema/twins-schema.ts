import { buildSubgraphSchema, type HandWrittenResolvers, type SubgraphContext } from '@hearth/platform/graphql';
import type { NonEmptyArray } from 'type-graphql';
import { createPubSub } from '@graphql-yoga/subscription';
import type { GraphQLSchema } from 'graphql';
import { AlarmResolver } from './alarm.resolver';
import { toAlarm } from './alarm.type';
import { CommandResolver } from './command.resolver';
import { Gateway } from './gateway.entity';
import { GatewayRejectionsResolver, GatewayTwinResolver } from './gateway-twin.resolver';
import type { TwinsDeps } from './twins-deps';

/**
 * The twins subgraph: gateways' twins, commands, and each registered kind's part (its twin on its
 * domain entity, its subscription, its desired state).
 */
export async function buildTwinsSchema(deps: TwinsDeps): Promise<GraphQLSchema> {
  const core = [new GatewayTwinResolver(deps), new GatewayRejectionsResolver(deps), new CommandResolver(deps), new AlarmResolver(deps)];
  const kinds = deps.kinds.all().flatMap((kind) => (kind.graphql ? [kind.graphql(deps)] : []));
  const resolvers: object[] = [...core, ...kinds.flatMap((k) => k.resolvers)];
  const handWritten: HandWrittenResolvers = {
    // Any id resolves; the `twin` fields decide per tenant what is visible.
    Gateway: { __resolveReference: (ref: { id: string }, _ctx: SubgraphContext) => ({ id: ref.id }) },
    Subscription: {
      alarmChanged: { subscribe: (_root: unknown, _args: unknown, ctx: SubgraphContext) => deps.alarmEvents.changes(ctx.tenantId), resolve: toAlarm },
    },
  };
  for (const kind of kinds) {
    for (const [type, fields] of Object.entries(kind.handWritten)) handWritten[type] = { ...handWritten[type], ...fields };
  }
  return buildSubgraphSchema(
    {
      resolvers: resolvers.map((r) => r.constructor) as unknown as NonEmptyArray<() => unknown>,
      orphanedTypes: [Gateway, ...kinds.flatMap((k) => k.types)],
      // type-graphql refuses to build subscriptions without a PubSub, though ours bring their own
      // `subscribe` (each kind's events filter by tenant and stop when the subscriber leaves).
      pubSub: createPubSub(),
      container: { get: (cls: unknown) => resolvers.find((r) => r.constructor === cls) },
    },
    handWritten,
  );
}
