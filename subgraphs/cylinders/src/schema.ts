import { buildSubgraphSchema } from '@hearth/platform/graphql';
import type { GraphQLSchema } from 'graphql';
import type { NonEmptyArray } from 'type-graphql';
import { areasOf, type Services } from './services';

/** The cylinders subgraph: every area's resolvers and hand-written resolvers. */
export function buildCylindersSchema(services: Services): Promise<GraphQLSchema> {
  const areas = areasOf(services);
  const resolvers = areas.flatMap((a) => a.resolvers);
  return buildSubgraphSchema(
    {
      resolvers: resolvers.map((r) => r.constructor) as unknown as NonEmptyArray<() => unknown>,
      // Resolvers are built by their areas; type-graphql asks this container for them.
      container: { get: (cls: unknown) => resolvers.find((r) => r.constructor === cls) },
    },
    Object.assign({}, ...areas.map((a) => a.handWritten ?? {})),
  );
}
