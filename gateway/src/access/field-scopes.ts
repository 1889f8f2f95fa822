import { getOperationAST, TypeInfo, visit, visitWithTypeInfo, type DocumentNode, type GraphQLSchema } from 'graphql';
import { hasScope, HearthError, scopeFor } from '@hearth/platform';
import type { FieldOwners } from './field-owners';

/** The subgraph whose resolvers check their callers themselves (login is public; keys need an admin). */
export const IDENTITY_SUBGRAPH = 'identity';

export interface ScopeCaller {
  scopes: readonly string[];
}

/**
 * Checks every field the operation can reach, through fragments and nested entity fields,
 * before anything runs: a field needs `<owning domain>:read`, a mutation's root field
 * `<domain>:write`. Because subscriptions are checked here too, an entity field resolved
 * inside a federated subscription event is covered like any other. Anonymous callers reach
 * only the identity subgraph (to log in).
 */
export function fieldScopeErrors(
  schema: GraphQLSchema,
  owners: FieldOwners,
  document: DocumentNode,
  operationName: string | null | undefined,
  caller: ScopeCaller | undefined,
): HearthError[] {
  const operation = getOperationAST(document, operationName);
  if (!operation) return [];
  const mutationRoot = schema.getMutationType()?.name;
  const missing = new Map<string, string>();
  let anonymousPath: string | undefined;
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType();
        const name = node.name.value;
        if (!parent || name.startsWith('__')) return;
        const domains = owners.get(`${parent.name}.${name}`) ?? [];
        if (domains.length === 0 || domains.includes(IDENTITY_SUBGRAPH)) return;
        const path = `${parent.name}.${name}`;
        if (!caller) {
          anonymousPath ??= path;
          return;
        }
        const access = parent.name === mutationRoot ? 'mutation' : 'query';
        const required = domains.map((domain) => scopeFor(domain, access));
        if (required.some((scope) => hasScope(caller.scopes, scope))) return;
        if (!missing.has(required[0]!)) missing.set(required[0]!, path);
      },
    }),
  );
  if (anonymousPath)
    return [
      new HearthError('UNAUTHENTICATED', `${anonymousPath} needs a signed-in user or an API key: send Authorization: Bearer <token or key>.`, {
        reason: 'missing',
        path: anonymousPath,
        http: { status: 401 },
      }),
    ];
  return [...missing].map(
    ([scope, path]) =>
      new HearthError('FORBIDDEN', `${path} needs the ${scope} scope, which your role or key does not have.`, {
        requiredScope: scope,
        path,
        http: { status: 403 },
      }),
  );
}
