import { executeQueryPlan, type GraphQLDataSource, type ServiceMap } from '@apollo/gateway';
import type { QueryPlan } from '@apollo/query-planner';
import { GraphQLError, type ExecutionResult } from 'graphql';
import type { GatewayContext } from '../context/gateway-context';
import type { PlannedSubscription } from './plan-subscription';
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
 * executor on a plan whose first fetch "returns" the event: the primary fetch is pointed
 * at a synthetic service answering with the payload, then `rest` fetches entities from
 * the other subgraphs and result shaping applies the client's aliases and `__typename`s.
 */
export async function resolveEvent(event: SubscriptionEvent): Promise<ExecutionResult> {
  const { planned, caller } = event;
  const eventService = `${planned.primary.serviceName}#event`;
  const { shared: _, ...payload } = event.payload;
  const source: GraphQLDataSource = {
    // Execution merges entity data into the payload: one fanned out to several subscribers is copied first.
    process: async () => (event.payload.shared ? structuredClone(payload) : payload),
  };
  const nodes = [{ ...planned.primary, serviceName: eventService }, ...(planned.rest ? [planned.rest] : [])];
  const plan: QueryPlan = {
    kind: 'QueryPlan',
    node: { kind: 'Sequence', nodes },
  };
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
  const result = await executeQueryPlan(
    plan,
    { ...event.serviceMap, [eventService]: source },
    requestContext,
    planned.operationContext,
    planned.supergraph.supergraphSchema,
    planned.supergraph.apiSchemaInternal,
  );
  return {
    ...result,
    errors: result.errors?.map((error) => renameService(error, eventService, planned.primary.serviceName)),
  };
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
