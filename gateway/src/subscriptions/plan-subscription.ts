import { buildOperationContext } from '@apollo/gateway';
import { operationFromDocument } from '@apollo/federation-internals';
import type { FetchNode, PlanNode } from '@apollo/query-planner';
import type { DocumentNode } from 'graphql';
import type { LoadedSupergraph } from '../supergraph/loaded-supergraph';

/** A client subscription, planned: one upstream subscription (`primary`), the rest per event. */
export interface PlannedSubscription {
  supergraph: LoadedSupergraph;
  /** The subscription fetch sent to the subgraph that owns the root field. */
  primary: FetchNode;
  /** Entity fetches that complete each event from other subgraphs; absent when the owner has it all. */
  rest?: PlanNode;
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
  return {
    supergraph,
    primary: plan.node.primary,
    rest: plan.node.rest,
    operationContext,
    document,
    source: request.source,
  };
}
