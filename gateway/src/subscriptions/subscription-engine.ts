import type { ExecutionResult } from 'graphql';
import { HearthError } from '@hearth/platform';
import type { DataSources } from '../apollo/data-sources';
import type { GatewayContext } from '../context/gateway-context';
import { gatewayMetrics } from '../gateway-metrics';
import type { PlannedSubscription } from './plan-subscription';
import { createCoalescingServiceMap } from './coalescing-service-map';
import { resolveEvent } from './resolve-event';
import { SubscriberStream } from './subscriber-stream';
import type { UpstreamHub, UpstreamPayload } from './upstream-hub';

export interface SubscriptionEngineOptions {
  hub: UpstreamHub;
  dataSources: DataSources;
  /** Most undelivered events per subscriber before the oldest are dropped. */
  bufferSize: number;
  /** Waiting events one subscriber resolves concurrently (results still in order). */
  readAhead?: number;
}

export type SubscriptionEngine = (
  planned: PlannedSubscription,
  caller: GatewayContext,
  variables: Record<string, unknown>,
) => AsyncIterableIterator<ExecutionResult>;

/**
 * Serves one planned client subscription: joins the (deduplicated) upstream subscription of
 * its primary fetch and completes each event through the gateway executor, one subscriber
 * queue at a time.
 */
export function createSubscriptionEngine(options: SubscriptionEngineOptions): SubscriptionEngine {
  const shared = createCoalescingServiceMap();
  return (planned, caller, variables) => {
    const { primary } = planned;
    let leave = () => {};
    const stream = new SubscriberStream<UpstreamPayload, ExecutionResult>({
      limit: options.bufferSize,
      readAhead: options.readAhead ?? 8,
      deliver: (payload) =>
        resolveEvent({
          planned,
          payload,
          caller,
          variables,
          serviceMap: shared(options.dataSources.serviceMap()),
        }).catch((err: unknown) => {
          caller.logger.error({ err, subgraph: primary.serviceName }, 'subscription event could not be resolved');
          return {
            errors: [new HearthError('INTERNAL_SERVER_ERROR', 'This event could not be completed; details are in the gateway log under your request id.')],
          };
        }),
      onDrop: () => gatewayMetrics.droppedEvents.inc({ subgraph: primary.serviceName }),
      onClose: () => {
        gatewayMetrics.clientSubscriptions.dec();
        leave();
      },
    });
    gatewayMetrics.clientSubscriptions.inc();
    const url = planned.supergraph.subgraphUrls.get(primary.serviceName);
    if (!url) {
      stream.end({
        errors: [new HearthError('UPSTREAM_UNAVAILABLE', `The ${primary.serviceName} service has no known address. Retry later.`)],
      });
      return stream;
    }
    // The primary fetch gets only the variables it uses, exactly as the gateway sends them for queries.
    const used = (primary.variableUsages ?? []).filter((name) => variables[name] !== undefined);
    leave = options.hub.subscribe(
      {
        serviceName: primary.serviceName,
        url,
        query: primary.operation,
        operationName: primary.operationName,
        variables: Object.fromEntries(used.map((name) => [name, variables[name]])),
        tenantId: caller.tenantId,
        requestId: caller.requestId,
      },
      {
        next: (payload) => stream.push(payload),
        error: (errors) => stream.end({ errors }),
        complete: () => stream.end(),
      },
    );
    return stream;
  };
}
