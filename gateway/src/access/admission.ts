import type { DocumentNode } from 'graphql';
import { HearthError } from '@hearth/platform';
import { nulByteError, nulInLiterals, nulInVariables } from '@hearth/platform/graphql';
import type { Authenticated } from '../identity/authenticator';
import type { LoadedSupergraph } from '../supergraph/loaded-supergraph';
import { operationAccess, scopeErrors, type ScopeNeed } from './field-scopes';
import { asksForSchema, limitErrors, measureOperation, type OperationLimits, type OperationSize } from './operation-limits';

/** What the gateway lets run, per deployment. */
export interface AccessPolicy {
  limits: OperationLimits;
  /** Schema introspection; off in production unless asked for. */
  introspection: boolean;
}

/** Sizes kept per operation whose page sizes come from variables (one per distinct set of values). */
const SIZES_PER_OPERATION = 64;

/** What admission needs to know of one operation of a document, found by walking it once. */
interface OperationFacts {
  /** The supergraph these were read against; a new one (schema change) means walking again. */
  supergraph: LoadedSupergraph;
  introspects: boolean;
  needs: ScopeNeed[];
  /** It reaches a field open to anonymous callers (rate-limited per address). */
  reachesPublic: boolean;
  /** The argument whose literal holds U+0000, which no database text can store. */
  nulLiteral: string | undefined;
  /** By the JSON of the page-size variables' values ('[]' when none set a page size). */
  sizes: Map<string, OperationSize>;
}

/**
 * Keyed by the parsed document: Apollo Server hands every request with the same text the same
 * DocumentNode from its document cache, so a dashboard polled all day is walked once. Entries
 * go with the documents Apollo evicts.
 */
const factsByDocument = new WeakMap<DocumentNode, Map<string, OperationFacts>>();

function factsOf(supergraph: LoadedSupergraph, document: DocumentNode, operationName: string | null | undefined): OperationFacts {
  let byOperation = factsByDocument.get(document);
  if (!byOperation) factsByDocument.set(document, (byOperation = new Map()));
  const name = operationName ?? '';
  let facts = byOperation.get(name);
  if (facts?.supergraph !== supergraph) {
    const access = operationAccess(supergraph.apiSchema, supergraph.owners, document, operationName, supergraph.publicFields);
    facts = {
      supergraph,
      introspects: asksForSchema(document),
      needs: access.needs,
      reachesPublic: access.reachesPublic,
      nulLiteral: nulInLiterals(document),
      sizes: new Map(),
    };
    byOperation.set(name, facts);
  }
  return facts;
}

function sizeOf(facts: OperationFacts, document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown>) {
  // The first measurement says which variables matter; later ones look their values up.
  const [first] = facts.sizes.values();
  const key = first ? JSON.stringify(first.costVariables.map((name) => variables[name] ?? null)) : undefined;
  if (key !== undefined && facts.sizes.has(key)) return facts.sizes.get(key);
  const size = measureOperation(facts.supergraph.apiSchema, document, operationName, variables);
  if (facts.sizes.size >= SIZES_PER_OPERATION) facts.sizes.clear();
  if (size) facts.sizes.set(key ?? JSON.stringify(size.costVariables.map((name) => variables[name] ?? null)), size);
  return size;
}

/**
 * Everything checked about a parsed, valid operation before any of it runs, over HTTP and
 * graphql-ws alike: introspection, size and cost limits, the caller's scopes field by field, then
 * strings no database can store.
 * The walks happen once per document and supergraph; each request only compares.
 */
export function admissionErrors(
  supergraph: LoadedSupergraph,
  policy: AccessPolicy,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown>,
  caller: Authenticated | undefined,
): HearthError[] {
  const facts = factsOf(supergraph, document, operationName);
  if (!policy.introspection && facts.introspects)
    return [new HearthError('INTROSPECTION_DISABLED', 'Schema introspection is turned off here; use the published schema of this release.')];
  const size = sizeOf(facts, document, operationName, variables);
  const limits = size ? limitErrors(size, policy.limits) : [];
  if (limits.length) return limits;
  const forbidden = scopeErrors(facts.needs, caller);
  if (forbidden.length) return forbidden;
  const nul = facts.nulLiteral ?? nulInVariables(variables);
  return nul ? [nulByteError(nul)] : [];
}

/** Whether an anonymous caller's operation reaches a public field (and so pays from its address's bucket). */
export function reachesPublicFields(supergraph: LoadedSupergraph, document: DocumentNode, operationName: string | null | undefined): boolean {
  return factsOf(supergraph, document, operationName).reachesPublic;
}
