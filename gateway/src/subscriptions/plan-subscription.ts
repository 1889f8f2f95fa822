import { buildOperationContext } from '@apollo/gateway';
import { operationFromDocument } from '@apollo/federation-internals';
import type { FetchNode, QueryPlan } from '@apollo/query-planner';
import type { DocumentNode } from 'graphql';
import type { LoadedSupergraph } from '../supergraph/loaded-supergraph';

/** A client subscription, planned: one upstream subscription (`primary`), the rest per event. */
export interface PlannedSubscription {
  supergraph: LoadedSupergraph;
  /** The subscription fetch sent to the subgraph that owns the root field. */
  primary: FetchNode;
  /**
   * What each event runs: the primary fetch pointed at the event's synthetic service (which
   * "answers" with the event, see `eventServiceName`), then the entity fetches that complete it
   * from other subgraphs, if any.
   */
  eventPlan: QueryPlan;
  operationContext: ReturnType<typeof buildOperationContext>;
  /** The client's document and its text, as sent. */
  document: DocumentNode;
  source: string;
}

/** Plans a validated subscription document the way the gateway plans queries. */
export function planSubscription(
  supergraph: LoadedSupergraph,
  request: { document: DocumentNode; source: string; operationName?: string },
): PlannedSubscription {
  const { document, operationName } = request;
  const operationContext = buildOperationContext({
    schema: supergraph.apiSchema,
    operationDocument: document,
    operationName,
  });
  const operation = operationFromDocument(supergraph.apiSchemaInternal, document, { operationName });
  const plan = supergraph.planner.buildQueryPlan(operation);
  if (plan.node?.kind !== 'Subscription') throw new Error(`Expected a subscription plan, got ${plan.node?.kind ?? 'an empty plan'}`);
  const { primary, rest } = plan.node;
  const nodes = [{ ...primary, serviceName: eventServiceName(primary.serviceName) }, ...(rest ? [rest] : [])];
  return {
    supergraph,
    primary,
    eventPlan: { kind: 'QueryPlan', node: { kind: 'Sequence', nodes } },
    operationContext,
    document,
    source: request.source,
  };
}

/** The synthetic service that answers an event's primary fetch with the event: `twins` answers as `twins#event`. */
export const eventServiceName = (subgraph: string) => `${subgraph}#event`;
