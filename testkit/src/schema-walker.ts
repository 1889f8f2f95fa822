import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';

/** Ids the walker puts into arguments, by what they name (`tankId`, `id` of a Tank field, …). */
export type IdsByType = Record<string, string>;

export interface WalkOptions {
  /** Target ids by entity type name (`Tank`, `Site`, `ApiKey`, …); `id`/`xId` arguments get them. */
  ids: IdsByType;
  /** Valid values of input types the generic filler cannot make valid (e.g. a strapping table). */
  samples: Record<string, unknown>;
  /** How deep selections go. */
  depth?: number;
}

export interface ProbeOperation {
  /** `Query.tank`, `Mutation.updateTank`, … */
  field: string;
  kind: 'query' | 'mutation' | 'subscription';
  query: string;
  variables: Record<string, unknown>;
  /** Whether an argument carries one of the target ids (so the call must be refused or come back empty). */
  targetsIds: boolean;
}

export class CannotProbe extends Error {}

/**
 * Builds one operation per root field of the schema, filling every required argument (ids
 * from `ids`, other values generated or from `samples`) and selecting every field it can
 * reach a few levels down. New root fields are covered without editing the test that uses
 * it; a field it cannot fill throws CannotProbe, naming what to add to `samples`.
 */
export function probeOperations(schema: GraphQLSchema, options: WalkOptions): ProbeOperation[] {
  const roots: [ProbeOperation['kind'], GraphQLObjectType | null | undefined][] = [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
    ['subscription', schema.getSubscriptionType()],
  ];
  const operations: ProbeOperation[] = [];
  for (const [kind, root] of roots) {
    for (const field of Object.values(root?.getFields() ?? {})) {
      if (field.name.startsWith('_')) continue;
      const variables: Record<string, unknown> = {};
      let targetsIds = false;
      const args = field.args.map((arg) => {
        const value = argumentValue(arg, targetTypeOf(getNamedType(field.type), options.ids), options);
        if (value.targets) targetsIds = true;
        variables[arg.name] = value.value;
        return `$${arg.name}: ${String(arg.type)}`;
      });
      const call = field.args.length ? `(${field.args.map((a) => `${a.name}: $${a.name}`).join(', ')})` : '';
      const selection = selectionOf(field, options.depth ?? 3, options);
      operations.push({
        field: `${root!.name}.${field.name}`,
        kind,
        query: `${kind} Probe${args.length ? `(${args.join(', ')})` : ''} { ${field.name}${call}${selection} }`,
        variables,
        targetsIds,
      });
    }
  }
  return operations;
}

/**
 * The entity an `id` argument names: the field's own type, or for a payload type (e.g.
 * `CreatedApiKey { apiKey: ApiKey }`) the one entity it wraps.
 */
function targetTypeOf(type: GraphQLNamedType, ids: IdsByType): string {
  if (type.name in ids || !isObjectType(type)) return type.name;
  const wrapped = Object.values(type.getFields())
    .map((f) => getNamedType(f.type).name)
    .filter((name) => name in ids);
  return wrapped.length === 1 ? wrapped[0]! : type.name;
}

function selectionOf(field: GraphQLField<unknown, unknown>, depth: number, options: WalkOptions): string {
  const type = getNamedType(field.type);
  if (!isObjectType(type)) return isScalarType(type) || isEnumType(type) ? '' : ' { __typename }';
  if (depth === 0) return ' { __typename }';
  const parts: string[] = ['__typename'];
  for (const child of Object.values(type.getFields())) {
    const required = child.args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined);
    let call = '';
    if (required.length) {
      try {
        call = `(${required.map((a) => `${a.name}: ${JSON.stringify(argumentValue(a, getNamedType(child.type).name, options).value).replace(/"([^"]+)":/g, '$1:')}`).join(', ')})`;
      } catch {
        continue; // a nested field we cannot fill is left out; root fields must be fillable
      }
    }
    const childType = getNamedType(child.type);
    if (isObjectType(childType) && depth - 1 === 0) continue;
    parts.push(`${child.name}${call}${selectionOf(child, depth - 1, options)}`);
  }
  return ` { ${parts.join(' ')} }`;
}

function argumentValue(arg: GraphQLArgument, returnType: string, options: WalkOptions): { value: unknown; targets: boolean } {
  let targets = false;
  const idFor = (name: string): string => {
    const stem = name.replace(/Ids?$/, '');
    const typeName = name === 'id' || name === 'ids' ? returnType : stem.charAt(0).toUpperCase() + stem.slice(1);
    const id = options.ids[typeName];
    if (!id) throw new CannotProbe(`no target id for an argument "${name}" (type ${typeName}): add one to ids`);
    targets = true;
    return id;
  };
  const valueOf = (type: GraphQLInputType, name: string): unknown => {
    const inner = getNullableType(type);
    if (isListType(inner)) return [valueOf(inner.ofType, name)];
    if (isInputObjectType(inner)) {
      if (inner.name in options.samples) {
        const sample = options.samples[inner.name] as Record<string, unknown>;
        // Ids inside samples are marked with a type name in angle brackets: "<Site>".
        return JSON.parse(JSON.stringify(sample), (_k, v: unknown) =>
          typeof v === 'string' && /^<\w+>$/.test(v) ? idFor(`${v.slice(1, -1).toLowerCase()}Id`) : v,
        );
      }
      const value: Record<string, unknown> = {};
      for (const field of Object.values(inner.getFields())) {
        if (isNonNullType(field.type) && field.defaultValue === undefined) value[field.name] = valueOf(field.type, field.name);
      }
      return value;
    }
    if (isEnumType(inner)) return inner.getValues()[0]!.value;
    switch (inner.name) {
      case 'ID':
        return idFor(name);
      case 'String':
        return `probe-${name}`;
      case 'Int':
      case 'SafeInt':
        return 1;
      case 'Float':
        return 1;
      case 'LocalDate':
        return '2026-01-01';
      case 'Boolean':
        return false;
      case 'DateTime':
        // A day ahead: a walk of every mutation takes a minute or more under load, and a time "a minute
        // from now" made then (a shelving's end) was past by the time its mutation ran.
        return name === 'from' ? new Date(Date.now() - 3_600_000).toISOString() : new Date(Date.now() + 86_400_000).toISOString();
      default:
        throw new CannotProbe(`cannot make a value of ${inner.name} for "${name}": add a sample`);
    }
  };
  if (!isNonNullType(arg.type) && arg.defaultValue === undefined && !/id/i.test(arg.name)) return { value: undefined, targets: false };
  if (!isNonNullType(arg.type) && arg.defaultValue !== undefined) return { value: arg.defaultValue, targets: false };
  const value = valueOf(arg.type, arg.name);
  return { value, targets };
}
