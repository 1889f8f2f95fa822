import { getOperationAST, TypeInfo, visit, visitWithTypeInfo, type DocumentNode, type GraphQLSchema } from 'graphql';
import { hasScope, HearthError, scopeFor, type Scope } from '@hearth/platform';
import type { FieldOwners } from './field-owners';

/** The subgraph whose resolvers check their callers themselves (login is public; keys need an admin). */
export const IDENTITY_SUBGRAPH = 'identity';

export interface ScopeCaller {
  scopes: readonly string[];
}

/** One field the operation reaches, and the scopes of which the caller needs one. */
export interface ScopeNeed {
  /** `Type.field`, named in the error. */
  path: string;
  required: readonly Scope[];
}

/**
 * Every field the operation can reach, through fragments and nested entity fields, with the
 * scopes it needs: `<owning domain>:read`, or `<domain>:write` for a mutation's root field.
 * Because subscriptions are checked here too, an entity field resolved inside a federated
 * subscription event is covered like any other. Fields of the identity subgraph need none
 * (its resolvers check their callers). One entry per distinct set of scopes, in document
 * order, with the first field that needs it: that is all the errors name. And whether it reaches a
 * public field: one of `openFields` and everything beneath it need no scope (its subgraph answers
 * it without a tenant); the rest is checked as ever, so a public field carries no private one in.
 */
export function operationAccess(
  schema: GraphQLSchema,
  owners: FieldOwners,
  document: DocumentNode,
  operationName: string | null | undefined,
  openFields: ReadonlySet<string>,
): { needs: ScopeNeed[]; reachesPublic: boolean } {
  const operation = getOperationAST(document, operationName);
  if (!operation) return { needs: [], reachesPublic: false };
  let reachesPublic = false;
  const mutationRoot = schema.getMutationType()?.name;
  const needs = new Map<string, ScopeNeed>();
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType();
        const name = node.name.value;
        if (!parent || name.startsWith('__')) return undefined;
        const path = `${parent.name}.${name}`;
        if (openFields.has(path)) {
          reachesPublic = true;
          // Beneath a public field is open too: its subtree is not walked.
          return false;
        }
        const domains = owners.get(path) ?? [];
        if (domains.length === 0 || domains.includes(IDENTITY_SUBGRAPH)) return undefined;
        const access = parent.name === mutationRoot ? 'mutation' : 'query';
        const required = domains.map((domain) => scopeFor(domain, access));
        const key = required.join(' ');
        if (!needs.has(key)) needs.set(key, { path, required });
        return undefined;
      },
    }),
  );
  return { needs: [...needs.values()], reachesPublic };
}

/**
 * The caller against the operation's needs, before anything runs. Anonymous callers reach
 * only the identity subgraph (to log in).
 */
export function scopeErrors(needs: readonly ScopeNeed[], caller: ScopeCaller | undefined): HearthError[] {
  const [first] = needs;
  if (!caller && first)
    return [
      new HearthError('UNAUTHENTICATED', `${first.path} needs a signed-in user or an API key: send Authorization: Bearer <token or key>.`, {
        reason: 'missing',
        path: first.path,
        http: { status: 401 },
      }),
    ];
  if (!caller) return [];
  const missing = new Map<string, string>();
  for (const { path, required } of needs) {
    if (required.some((scope) => hasScope(caller.scopes, scope))) continue;
    if (!missing.has(required[0]!)) missing.set(required[0]!, path);
  }
  return [...missing].map(
    ([scope, path]) =>
      new HearthError('FORBIDDEN', `${path} needs the ${scope} scope, which your role or key does not have.`, {
        requiredScope: scope,
        path,
        http: { status: 403 },
      }),
  );
}
