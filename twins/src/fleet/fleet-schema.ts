import { buildSubgraphSchema, requestLoader, type SubgraphContext } from '@hearth/platform/graphql';
import type { GraphQLSchema } from 'graphql';
import { DeviceResolver } from './device.resolver';
import { FleetAuditResolver } from './fleet-audit.resolver';
import type { FleetDeps } from './fleet-deps';
import { GatewayResolver, toGateway } from './gateway.resolver';

/** The fleet subgraph: IoT gateways and the devices bound to them (provisioning is supervisors' work: fleet:write). Entity: Gateway. */
export function buildFleetSchema(deps: FleetDeps): Promise<GraphQLSchema> {
  const classes = [GatewayResolver, DeviceResolver, FleetAuditResolver] as const;
  const resolvers = classes.map((R) => new R(deps));
  return buildSubgraphSchema(
    { resolvers: classes, container: { get: (cls: unknown) => resolvers.find((r) => r.constructor === cls) } },
    {
      Gateway: {
        // Another tenant's gateway resolves to null.
        __resolveReference: async (ref: { id: string }, ctx: SubgraphContext) => {
          const found = await requestLoader(ctx, 'gateways', (ids) => deps.gateways.byIds(ctx.tenantId, ids)).load(ref.id);
          return found ? toGateway(found) : null;
        },
      },
    },
  );
}
