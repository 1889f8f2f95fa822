import type { DocumentNode } from 'graphql';
import { HearthError } from '@hearth/platform';
import type { Authenticated } from '../identity/authenticator';
import type { LoadedSupergraph } from '../supergraph/loaded-supergraph';
import { fieldScopeErrors } from './field-scopes';
import { asksForSchema, operationLimitErrors, type OperationLimits } from './operation-limits';

/** What the gateway lets run, per deployment. */
export interface AccessPolicy {
  limits: OperationLimits;
  /** Schema introspection; off in production unless asked for. */
  introspection: boolean;
}

/**
 * Everything checked about a parsed, valid operation before any of it runs, over HTTP and
 * graphql-ws alike: introspection, size and cost limits, then the caller's scopes field by field.
 */
export function admissionErrors(
  supergraph: LoadedSupergraph,
  policy: AccessPolicy,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown>,
  caller: Authenticated | undefined,
): HearthError[] {
  if (!policy.introspection && asksForSchema(document))
    return [new HearthError('INTROSPECTION_DISABLED', 'Schema introspection is turned off here; use the published schema of this release.')];
  const limits = operationLimitErrors(supergraph.apiSchema, document, operationName, variables, policy.limits);
  if (limits.length) return limits;
  return fieldScopeErrors(supergraph.apiSchema, supergraph.owners, document, operationName, caller);
}
