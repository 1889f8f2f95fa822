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

/** Told after every mutation a subgraph ran for a tenant, before the caller sees its answer. */
export type OnMutation = (subgraph: string, tenantId: string | undefined) => void;

export function createDataSources(logger: Logger, signing: ContextSigning, local: LocalSubgraphs = new Map(), onMutation: OnMutation = () => {}): DataSources {
  const byName = new Map<string, GraphQLDataSource>();
  // Read for every subscription event: one object until a new supergraph builds its services.
  let map: Record<string, GraphQLDataSource> | undefined;
  return {
    buildService: ({ name, url }) => {
      const schema = local.get(name);
      if (!schema && !url) throw new Error(`Subgraph "${name}" has no URL`);
      // In process, the identity resolvers read the caller from the gateway context itself.
      // The gateway builds a source once per name and URL; a changed URL replaces the old one.
      const source = announcingMutations(name, schema ? new LocalGraphQLDataSource(schema) : new SubgraphDataSource(name, url!, logger, signing), onMutation);
      byName.set(name, source);
      map = undefined;
      return source;
    },
    serviceMap: () => (map ??= Object.fromEntries(byName)),
  };
}

/**
 * Whatever a mutation changed, the gateway hears of it as it passes, even from a subgraph that
 * announces nothing: cached entity fields of that subgraph and tenant go before the caller
 * has the answer, so the next live event shows the change.
 */
function announcingMutations(name: string, source: GraphQLDataSource, onMutation: OnMutation): GraphQLDataSource {
  return {
    process: (options) => {
      const operation = 'incomingRequestContext' in options ? options.incomingRequestContext.operation : undefined;
      if (operation?.operation !== 'mutation') return source.process(options);
      const tenantId = (options.context as Partial<GatewayContext>).tenantId;
      return source.process(options).finally(() => onMutation(name, tenantId));
    },
  };
}
