import { getOperationAST, type DocumentNode, type GraphQLSchema, Kind } from 'graphql';
import { HearthError } from '../errors/hearth-error';
import { PUBLIC_TAG } from './build-subgraph-schema';
import { hasScope, scopeFor } from '../auth/scopes';
import type { CallerContext } from '../context/caller-context';

/** Fields every valid context may ask for: the gateway reads each subgraph's SDL to compose. */
const SCHEMA_FIELDS = new Set(['_service', '__typename', '__schema', '__type']);

/**
 * A subgraph's own check of the caller's scopes, behind the gateway's per-field check: reading
 * anything of this domain (queries, subscriptions, `_entities`) needs `domain:read`, changing
 * it `domain:write`. Returns the error to refuse with, or undefined.
 */
export function subgraphScopeError(
  domain: string,
  caller: CallerContext,
  document: DocumentNode,
  operationName?: string | null,
  /** Its public query fields (`publicQueryFields`): a query asking only for these and the schema needs no scope. */
  openFields: ReadonlySet<string> = new Set(),
): HearthError | undefined {
  const operation = getOperationAST(document, operationName);
  if (!operation) return undefined; // graphql-js reports the missing operation itself
  const open = operation.selectionSet.selections.every((s) => s.kind === Kind.FIELD && (SCHEMA_FIELDS.has(s.name.value) || openFields.has(s.name.value)));
  if (operation.operation === 'query' && open) return undefined;
  const required = scopeFor(domain, operation.operation);
  if (hasScope(caller.scopes, required)) return undefined;
  return new HearthError('FORBIDDEN', `This operation needs the ${required} scope.`, { requiredScope: required });
}

/** The query fields a subgraph tagged public (`PUBLIC_FIELD`), read from its schema's definitions. */
export function publicQueryFields(schema: GraphQLSchema): ReadonlySet<string> {
  const fields = Object.values(schema.getQueryType()?.getFields() ?? {});
  return new Set(
    fields
      .filter((f) =>
        f.astNode?.directives?.some(
          (d) => d.name.value === 'tag' && d.arguments?.some((a) => a.name.value === 'name' && a.value.kind === Kind.STRING && a.value.value === PUBLIC_TAG),
        ),
      )
      .map((f) => f.name),
  );
}
