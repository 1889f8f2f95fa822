import { getOperationAST, getVariableValues, GraphQLError, parse, validate, type DocumentNode, type ExecutionArgs } from 'graphql';
import type { SubscribePayload } from 'graphql-ws';
import { HearthError } from '@hearth/platform';
import type { GatewayContext } from '../context/gateway-context';
import { admissionErrors, type AccessPolicy } from '../access/admission';
import { tokenLimitError } from '../access/operation-limits';
import { planSubscription, type PlannedSubscription } from '../subscriptions/plan-subscription';
import type { LoadedSupergraph } from '../supergraph/loaded-supergraph';
import { perSupergraphCache } from '../supergraph/per-supergraph-cache';

/** Parsed and validated documents, and subscription plans, per supergraph and document text. */
const checkedDocuments = perSupergraphCache<{ document: DocumentNode; invalid: readonly GraphQLError[] }>(1_000);
const plans = perSupergraphCache<PlannedSubscription>(1_000);

/** What one graphql-ws operation carries from `onSubscribe` to execution (its `contextValue`). */
export interface WsOperation {
  caller: GatewayContext;
  source: string;
  operationName?: string;
  variables: Record<string, unknown>;
  /** Set for subscriptions. */
  planned?: PlannedSubscription;
}

/** Apollo's codes for these failures, so a client sees the same code over HTTP and WebSocket. */
const withCode = (error: GraphQLError, code: string) =>
  new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    extensions: { ...error.extensions, code },
  });

/**
 * Parses, validates and (for subscriptions) plans one operation against the current API
 * schema. Invalid operations get GraphQL errors, which graphql-ws sends as its `error` message.
 */
export function prepareOperation(
  supergraph: LoadedSupergraph | undefined,
  policy: AccessPolicy,
  payload: SubscribePayload,
  caller: GatewayContext,
): ExecutionArgs | GraphQLError[] {
  if (!supergraph)
    return [new HearthError('UPSTREAM_UNAVAILABLE', 'The gateway has not loaded its schema yet. Retry shortly; /readyz answers 200 once it has.')];
  let checked;
  try {
    checked = checkedDocuments(supergraph, payload.query, () => {
      const document = parse(payload.query, { maxTokens: policy.limits.maxTokens });
      return { document, invalid: validate(supergraph.apiSchema, document) };
    });
  } catch (error) {
    if (error instanceof GraphQLError) return [tokenLimitError(error, policy.limits.maxTokens) ?? withCode(error, 'GRAPHQL_PARSE_FAILED')];
    throw error;
  }
  const { document, invalid } = checked;
  if (invalid.length > 0) return invalid.map((error) => withCode(error, 'GRAPHQL_VALIDATION_FAILED'));
  const operationName = payload.operationName ?? undefined;
  const operation = getOperationAST(document, operationName);
  if (!operation) {
    const message = operationName
      ? `The document has no operation named "${operationName}".`
      : 'The document has several operations: name the one to run in operationName.';
    return [
      new GraphQLError(message, {
        extensions: { code: 'OPERATION_RESOLUTION_FAILURE' },
      }),
    ];
  }
  const variables = payload.variables ?? {};
  const prepared: WsOperation = {
    caller,
    source: payload.query,
    operationName,
    variables,
  };
  if (operation.operation === 'subscription') {
    // Queries and mutations get these checks from Apollo and its plugins; subscriptions bypass them.
    const refused = admissionErrors(supergraph, policy, document, operationName, variables, caller.caller);
    if (refused.length) return refused;
    const { errors } = getVariableValues(supergraph.apiSchema, operation.variableDefinitions ?? [], variables);
    if (errors?.length) return errors.map((error) => withCode(error, 'BAD_USER_INPUT'));
    try {
      prepared.planned = plans(supergraph, `${operationName ?? ''}\u0000${payload.query}`, () =>
        planSubscription(supergraph, { document, source: payload.query, operationName }),
      );
    } catch (error) {
      // The planner re-checks the operation against the supergraph; what it rejects is the caller's to fix.
      if (error instanceof GraphQLError) return [withCode(error, 'GRAPHQL_VALIDATION_FAILED')];
      throw error;
    }
  }
  return {
    schema: supergraph.apiSchema,
    document,
    operationName,
    variableValues: variables,
    contextValue: prepared,
  };
}
