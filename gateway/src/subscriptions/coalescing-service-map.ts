import type { GraphQLDataSource, GraphQLDataSourceProcessOptions, ServiceMap } from '@apollo/gateway';
import type { GatewayContext } from '../context/gateway-context';
import { stableStringify } from './stable-stringify';

type GatewayGraphQLResponse = Awaited<ReturnType<GraphQLDataSource['process']>>;

/**
 * Entity fetches of subscription events, shared while in flight: a burst of events about the
 * same entities (one tank changing many times, one event fanned out to many subscribers) asks
 * its subgraph once per distinct request instead of once per event. Only identical requests
 * of the same tenant share, and only while one is in flight, so nothing stale is served.
 */
export function createCoalescingServiceMap(): (sources: ServiceMap) => ServiceMap {
  const wrappers = new WeakMap<GraphQLDataSource, GraphQLDataSource>();
  return (sources) =>
    Object.fromEntries(
      Object.entries(sources).map(([name, source]) => {
        let wrapper = wrappers.get(source);
        if (!wrapper) {
          wrapper = coalescing(name, source);
          wrappers.set(source, wrapper);
        }
        return [name, wrapper];
      }),
    );
}

function coalescing(name: string, source: GraphQLDataSource): GraphQLDataSource {
  const inFlight = new Map<string, Promise<GatewayGraphQLResponse>>();
  return {
    process: (options: GraphQLDataSourceProcessOptions) => {
      const tenantId = (options.context as Partial<GatewayContext>).tenantId ?? '';
      const key = stableStringify([name, tenantId, options.request.query, options.request.variables ?? {}]);
      let pending = inFlight.get(key);
      if (!pending) {
        pending = source.process(options).finally(() => inFlight.delete(key));
        inFlight.set(key, pending);
      }
      // Execution merges fetched data into each event's result: every sharer gets its own copy.
      return pending.then((response) => structuredClone(response));
    },
  };
}
