import type { GraphQLDataSource } from '@apollo/gateway';
import type { Logger } from '@hearth/platform';
import { SubgraphDataSource } from './subgraph-data-source';

/**
 * The one factory of subgraph data sources. The gateway calls `buildService`; the
 * subscription path looks the very same instances up with `serviceMap`.
 */
export interface DataSources {
  buildService(definition: { name: string; url?: string }): SubgraphDataSource;
  serviceMap(): Record<string, GraphQLDataSource>;
}

export function createDataSources(logger: Logger): DataSources {
  const byName = new Map<string, SubgraphDataSource>();
  return {
    buildService: ({ name, url }) => {
      if (!url) throw new Error(`Subgraph "${name}" has no URL`);
      // The gateway builds a source once per name and URL; a changed URL replaces the old one.
      const source = new SubgraphDataSource(name, url, logger);
      byName.set(name, source);
      return source;
    },
    serviceMap: () => Object.fromEntries(byName),
  };
}
