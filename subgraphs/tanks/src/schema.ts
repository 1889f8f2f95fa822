import { buildSubgraphSchema, type SubgraphContext } from '@hearth/platform/graphql';
import type { GraphQLSchema } from 'graphql';
import { siteLoader, tankLoader } from './loaders';
import type { Services } from './services';
import { SiteResolver } from './site/site.resolver';
import { StrappingTableResolver } from './strapping/strapping-table.resolver';
import { TankResolver } from './tank/tank.resolver';

/** The tanks subgraph: sites, tanks and their calibration; entities Tank and Site. */
export function buildTanksSchema(services: Services): Promise<GraphQLSchema> {
  const resolvers = [new TankResolver(services), new SiteResolver(services), new StrappingTableResolver(services)];
  return buildSubgraphSchema(
    {
      resolvers: [TankResolver, SiteResolver, StrappingTableResolver],
      // Resolvers are built here with their services; type-graphql asks this container for them.
      container: { get: (cls: unknown) => resolvers.find((r) => r.constructor === cls) },
    },
    {
      Tank: { __resolveReference: (ref: { id: string }, ctx: SubgraphContext) => tankLoader(ctx, services).load(ref.id) },
      Site: { __resolveReference: (ref: { id: string }, ctx: SubgraphContext) => siteLoader(ctx, services).load(ref.id) },
    },
  );
}
