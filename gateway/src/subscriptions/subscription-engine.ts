import type { ExecutionResult } from 'graphql';
import { HearthError } from '@hearth/platform';
import type { DataSources } from '../apollo/data-sources';
import type { GatewayContext } from '../context/gateway-context';
import { gatewayMetrics } from '../gateway-metrics';
import type { PlannedSubscription } from './plan-subscription';
import { createEntityBatcher, type EntityBatcherOptions } from './entity-batcher';
import { createFairScheduler } from './fair-queue';
import { resolveEvent } from './resolve-event';
import { SubscriberStream } from './subscriber-stream';
import type { UpstreamHub, UpstreamPayload } from './upstream-hub';

export interface SubscriptionEngineOptions {
  hub: UpstreamHub;
  dataSources: DataSources;
  /** Most entities one subscriber may have an event waiting for before the oldest is dropped. */
  bufferSize: number;
  /** Events one subscriber resolves concurrently (results still in order; default 32). */
  readAhead?: number;
  /**
   * Events resolved at once across every subscriber (default 256); more wait, and a free place
   * goes to each tenant in turn, so one tenant's flood cannot queue another tenant's events behind it.
   */
  eventConcurrency?: number;
  /** How the entity fields of events are fetched from other subgraphs: batched, bounded, cached. */
  entities: EntityBatcherOptions;
}

export type SubscriptionEngine = (
  planned: PlannedSubscription,
  caller: GatewayContext,
  variables: Record<string, unknown>,
) => AsyncIterableIterator<ExecutionResult>;

/**
 * The entity an upstream event is about: the root field's `__typename` and `id` (an entity
 * subscription always carries its key, which the entity fetches need). Anything else is
 * never replaced by a newer event.
 */
export function entityOf(payload: UpstreamPayload): string | undefined {
  // One payload fans out to every subscriber of its upstream: its key is worked out once.
  if (keys.has(payload)) return keys.get(payload);
  let key: string | undefined;
  const values = payload.errors?.length || !payload.data ? [] : Object.values(payload.data);
  const root = values.length === 1 ? values[0] : undefined;
  if (root && typeof root === 'object' && 'id' in root) {
    const { __typename, id } = root as { __typename?: unknown; id: unknown };
    if (typeof id === 'string' || typeof id === 'number') key = `${String(__typename)}:${id}`;
  }
  keys.set(payload, key);
  return key;
}

const keys = new WeakMap<UpstreamPayload, string | undefined>();

/**
 * Serves one planned client subscription: joins the (deduplicated) upstream subscription of
 * its primary fetch and completes each event through the gateway executor, with one queue
 * per subscriber that keeps the newest waiting event of each entity.
 */
export function createSubscriptionEngine(options: SubscriptionEngineOptions): SubscriptionEngine {
  const batched = createEntityBatcher(options.entities);
  const fairly = createFairScheduler(options.eventConcurrency ?? 256);
  return (planned, caller, variables) => {
    const { primary } = planned;
    let leave = () => {};
    const stream = new SubscriberStream<UpstreamPayload, ExecutionResult>({
      limit: options.bufferSize,
      readAhead: options.readAhead ?? 32,
      keyOf: entityOf,
      deliver: (payload) =>
        fairly(caller.tenantId ?? '', () =>
          resolveEvent({
            planned,
            payload,
            caller,
            variables,
            serviceMap: batched(options.dataSources.serviceMap()),
          }),
        ).catch((err: unknown) => {
          caller.logger.error({ err, subgraph: primary.serviceName }, 'subscription event could not be resolved');
          return {
            errors: [new HearthError('INTERNAL_SERVER_ERROR', 'This event could not be completed; details are in the gateway log under your request id.')],
          };
        }),
      onDrop: () => gatewayMetrics.droppedEvents.inc({ subgraph: primary.serviceName }),
      onReplace: () => gatewayMetrics.replacedEvents.inc({ subgraph: primary.serviceName }),
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
