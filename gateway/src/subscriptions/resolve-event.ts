import { executeQueryPlan, type GraphQLDataSource, type ServiceMap } from '@apollo/gateway';
import { GraphQLError, type ExecutionResult } from 'graphql';
import type { GatewayContext } from '../context/gateway-context';
import { eventServiceName, type PlannedSubscription } from './plan-subscription';
import type { UpstreamPayload } from './upstream-hub';

type RequestContext = Parameters<typeof executeQueryPlan>[2];

/** Per-event key-value cache nobody reads: entity fetches of one event share nothing. */
const noCache: RequestContext['cache'] = {
  get: async () => undefined,
  set: async () => {},
  delete: async () => true,
};

export interface SubscriptionEvent {
  planned: PlannedSubscription;
  /** One `next` payload of the upstream subscription: the primary fetch's result. */
  payload: UpstreamPayload;
  caller: GatewayContext;
  variables: Record<string, unknown>;
  /** The gateway's own data sources, so entity fetches forward the caller like queries do. */
  serviceMap: ServiceMap;
}

/**
 * Completes one upstream event into the client's result by running the gateway's own
 * executor on the subscription's event plan, whose first fetch "returns" the event: the primary
 * fetch is pointed at a synthetic service answering with the payload, then the entity fetches
 * fill in the other subgraphs' fields and result shaping applies the client's aliases and `__typename`s.
 */
export async function resolveEvent(event: SubscriptionEvent): Promise<ExecutionResult> {
  const { planned, caller } = event;
  const operation = planned.operationContext.operation;
  const requestContext: RequestContext = {
    request: {
      query: planned.source,
      operationName: operation.name?.value,
      variables: event.variables,
    },
    context: caller,
    logger: caller.logger,
    schema: planned.supergraph.apiSchema,
    schemaHash: '' as RequestContext['schemaHash'],
    cache: noCache,
    queryHash: '',
    document: planned.document,
    source: planned.source,
    operationName: operation.name?.value ?? null,
    operation,
    metrics: {},
    overallCachePolicy: undefined,
  };
  payloads.set(requestContext, event.payload);
  const result = await executeQueryPlan(
    planned.eventPlan,
    withEventSource(event.serviceMap),
    requestContext,
    planned.operationContext,
    planned.supergraph.supergraphSchema,
    planned.supergraph.apiSchemaInternal,
  );
  return {
    ...result,
    errors: result.errors?.map((error) => renameService(error, eventServiceName(planned.primary.serviceName), planned.primary.serviceName)),
  };
}

/** The event each execution completes, found by the request context the executor hands the data source. */
const payloads = new WeakMap<object, UpstreamPayload>();

/**
 * One synthetic source answers the primary fetch of every event with the event's own payload.
 * Execution merges entity data into it: a payload fanned out to several subscribers is copied first.
 */
const eventSource: GraphQLDataSource = {
  process: async (options) => {
    const { shared, ...payload } = payloads.get((options as { incomingRequestContext: object }).incomingRequestContext)!;
    return shared ? structuredClone(payload) : payload;
  },
};

/** The gateway's services and, under each one's event name, the event source: one map per service map. */
const withEvents = new WeakMap<ServiceMap, ServiceMap>();
function withEventSource(serviceMap: ServiceMap): ServiceMap {
  let map = withEvents.get(serviceMap);
  if (!map) {
    map = { ...serviceMap };
    for (const name of Object.keys(serviceMap)) map[eventServiceName(name)] = eventSource;
    withEvents.set(serviceMap, map);
  }
  return map;
}

/** Errors the upstream event carried name the subgraph they came from, not the synthetic service. */
function renameService(error: GraphQLError, from: string, to: string): GraphQLError {
  if (error.extensions.serviceName !== from) return error;
  return new GraphQLError(error.message, {
    path: error.path,
    originalError: error.originalError,
    extensions: { ...error.extensions, serviceName: to },
  });
}
