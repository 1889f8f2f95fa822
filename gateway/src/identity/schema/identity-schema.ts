import { buildSubgraphSchema } from '@hearth/platform/graphql';
import type { GraphQLSchema } from 'graphql';
import { ApiKeyUsageResolver, IdentityResolver, type IdentityDeps } from './identity.resolver';

/** The identity subgraph's schema, composed into the API like any other subgraph. */
export function buildIdentitySchema(deps: IdentityDeps): Promise<GraphQLSchema> {
  const resolvers = [new IdentityResolver(deps), new ApiKeyUsageResolver(deps)];
  return buildSubgraphSchema({
    resolvers: [IdentityResolver, ApiKeyUsageResolver],
    container: { get: (cls: unknown) => resolvers.find((r) => r.constructor === cls) },
  });
}
