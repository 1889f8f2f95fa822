import { LocalGraphQLDataSource, type GraphQLDataSource } from '@apollo/gateway';
import type { GraphQLSchema } from 'graphql';
import type { CallerContext, Logger } from '@hearth/platform';
import type { GatewayContext } from '../context/gateway-context';
import { SubgraphDataSource } from './subgraph-data-source';

/** How subgraph requests get their signed context (the gatekeeper's). */
export interface ContextSigning {
  signedFor(ctx: GatewayContext): Promise<string>;
  sign(context: CallerContext): Promise<string>;
}

/** Subgraphs the gateway serves itself, in process (identity), by name. */
export type LocalSubgraphs = ReadonlyMap<string, GraphQLSchema>;

/** The URL local subgraphs are composed under; nothing is ever sent to it. */
export const localSubgraphUrl = (name: string) => `http://${name}.gateway.local/graphql`;

/**
 * The one factory of subgraph data sources. The gateway calls `buildService`; the
 * subscription path looks the very same instances up with `serviceMap`.
 */
export interface DataSources {
  buildService(definition: { name: string; url?: string }): GraphQLDataSource;
  serviceMap(): Record<string, GraphQLDataSource>;
}

export function createDataSources(logger: Logger, signing: ContextSigning, local: LocalSubgraphs = new Map()): DataSources {
  const byName = new Map<string, GraphQLDataSource>();
  return {
    buildService: ({ name, url }) => {
      const schema = local.get(name);
      // In process, the identity resolvers read the caller from the gateway context itself.
      if (schema) {
        const source = new LocalGraphQLDataSource(schema);
        byName.set(name, source);
        return source;
      }
      if (!url) throw new Error(`Subgraph "${name}" has no URL`);
      // The gateway builds a source once per name and URL; a changed URL replaces the old one.
      const source = new SubgraphDataSource(name, url, logger, signing);
      byName.set(name, source);
      return source;
    },
    serviceMap: () => Object.fromEntries(byName),
  };
}
