import {
  type ArgumentNode,
  getNamedType,
  getNullableType,
  GraphQLList,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
  getOperationAST,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  valueFromASTUntyped,
} from 'graphql';
import { HearthError } from '@hearth/platform';

/** Bounds on what one operation may ask for; the defaults fit every console page with room to spare. */
export interface OperationLimits {
  maxDepth: number;
  maxAliases: number;
  /** Lexical tokens in the document (checked while parsing). */
  maxTokens: number;
  maxCost: number;
}

export const DEFAULT_LIMITS: OperationLimits = { maxDepth: 12, maxAliases: 30, maxTokens: 3000, maxCost: 20_000 };

/** Arguments that bound how many items a list field returns. */
const PAGE_ARGS = ['first', 'last', 'maxPoints', 'limit'];
/** What an unbounded list is assumed to hold when pricing it. */
const UNBOUNDED_LIST = 10;
/** Lists whose length their parent's page argument already priced. */
const PAGED_LISTS = new Set(['edges', 'nodes']);

const tooComplex = (name: string, value: number, max: number, hint: string) =>
  new HearthError('OPERATION_TOO_COMPLEX', `The operation ${name} is ${value}; at most ${max} is allowed. ${hint}`, { limit: name, value, max });

/** What one operation asks for, measured once per document (and page-size variables). */
export interface OperationSize {
  depth: number;
  aliases: number;
  cost: number;
  /** Variables that set a page size: the cost holds only for their values at measuring time. */
  costVariables: readonly string[];
}

/**
 * Depth, aliases and cost of the operation to run, with fragments expanded. Cost is the
 * number of objects the operation may return: each field costs 1 plus its selection,
 * multiplied by its page size (`first`, `maxPoints`, …) or, for a list without one, by 10.
 * Undefined when the document has no such operation (validation reports that).
 */
export function measureOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown>,
): OperationSize | undefined {
  const operation = getOperationAST(document, operationName);
  if (!operation) return undefined;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const root = rootType(schema, operation);
  const costVariables = new Set<string>();
  let aliases = 0;
  let maxDepth = 0;

  const walk = (set: SelectionSetNode, parent: unknown, depth: number, seen: ReadonlySet<string>): number => {
    maxDepth = Math.max(maxDepth, depth);
    let cost = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.alias) aliases += 1;
        if (selection.name.value.startsWith('__')) continue;
        const field = fieldOf(parent, selection.name.value);
        const childType = field ? getNamedType(field.type) : undefined;
        const children = selection.selectionSet ? walk(selection.selectionSet, childType, depth + 1, seen) : 0;
        const args = selection.arguments ?? [];
        for (const arg of args) if (PAGE_ARGS.includes(arg.name.value)) variablesIn(arg.value, costVariables);
        cost += (1 + children) * multiplier(field, args, variables, selection.name.value);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        cost += walk(selection.selectionSet, type, depth, seen);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        // A fragment spreading itself is invalid GraphQL; validation reports it.
        if (!fragment || seen.has(name)) continue;
        cost += walk(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value), depth, new Set([...seen, name]));
      }
    }
    return cost;
  };
  const cost = walk(operation.selectionSet, root, 0, new Set());
  return { depth: maxDepth, aliases, cost, costVariables: [...costVariables] };
}

/** The limits an operation of this size breaks. */
export function limitErrors(size: OperationSize, limits: OperationLimits): HearthError[] {
  const errors: HearthError[] = [];
  if (size.depth > limits.maxDepth) errors.push(tooComplex('depth', size.depth, limits.maxDepth, 'Select fewer nested levels.'));
  if (size.aliases > limits.maxAliases) errors.push(tooComplex('aliases', size.aliases, limits.maxAliases, 'Use fewer aliases; ask for lists instead.'));
  if (size.cost > limits.maxCost) errors.push(tooComplex('cost', size.cost, limits.maxCost, 'Ask for smaller pages or fewer nested lists.'));
  return errors;
}

function variablesIn(value: ValueNode, found: Set<string>): void {
  if (value.kind === Kind.VARIABLE) found.add(value.name.value);
  else if (value.kind === Kind.LIST) for (const item of value.values) variablesIn(item, found);
  else if (value.kind === Kind.OBJECT) for (const field of value.fields) variablesIn(field.value, found);
}

function rootType(schema: GraphQLSchema, operation: OperationDefinitionNode) {
  return operation.operation === 'mutation'
    ? schema.getMutationType()
    : operation.operation === 'subscription'
      ? schema.getSubscriptionType()
      : schema.getQueryType();
}

function fieldOf(parent: unknown, name: string): GraphQLField<unknown, unknown> | undefined {
  if (!isCompositeType(parent as never)) return undefined;
  if (isObjectType(parent) || isInterfaceType(parent)) return parent.getFields()[name];
  return undefined;
}

function multiplier(
  field: GraphQLField<unknown, unknown> | undefined,
  args: readonly ArgumentNode[],
  variables: Record<string, unknown>,
  name: string,
): number {
  for (const arg of args) {
    if (!PAGE_ARGS.includes(arg.name.value)) continue;
    const value = valueFromASTUntyped(arg.value, variables);
    if (typeof value === 'number' && value > 0) return value;
  }
  const pageArg = field?.args.find((a) => PAGE_ARGS.includes(a.name));
  if (pageArg && typeof pageArg.defaultValue === 'number') return pageArg.defaultValue;
  if (field && getNullableType(field.type) instanceof GraphQLList && !PAGED_LISTS.has(name)) return UNBOUNDED_LIST;
  return 1;
}

/** The parse error graphql-js gives past `maxTokens`, turned into the registry's code. */
export function tokenLimitError(error: { message: string }, maxTokens: number): HearthError | undefined {
  // graphql-js 16 spells it "more that"; later versions may fix the typo.
  if (!/Document contains more tha[nt] \d+ tokens/.test(error.message)) return undefined;
  return new HearthError('OPERATION_TOO_COMPLEX', `The document has more than ${maxTokens} tokens. Send a shorter document.`, {
    limit: 'tokens',
    max: maxTokens,
  });
}

/** Whether the document asks for the schema itself. */
export function asksForSchema(document: DocumentNode): boolean {
  let found = false;
  const visitSet = (set: SelectionSetNode | undefined) => {
    for (const s of set?.selections ?? []) {
      if (s.kind === Kind.FIELD && (s.name.value === '__schema' || s.name.value === '__type')) found = true;
      if (s.kind !== Kind.FRAGMENT_SPREAD) visitSet(s.selectionSet);
    }
  };
  for (const d of document.definitions) if (d.kind === Kind.OPERATION_DEFINITION || d.kind === Kind.FRAGMENT_DEFINITION) visitSet(d.selectionSet);
  return found;
}
