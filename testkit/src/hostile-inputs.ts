import { getNamedType, getNullableType, isInputObjectType, isListType, type GraphQLArgument, type GraphQLInputType, type GraphQLSchema } from 'graphql';
import { errorCodes, type ErrorCode } from '@hearth/platform';
import type { ProbeOperation } from './schema-walker';

/**
 * What a careless integrator or an attacker puts where a scalar belongs: a NUL byte (PostgreSQL
 * text cannot hold it), sizes no field expects, SQL and path fragments, times that are not times,
 * numbers past what GraphQL or the database can hold. Every one must get a clear client error (or be
 * taken as the plain text it is), never an internal error and never a crash.
 */
export const hostileScalars: Readonly<Record<string, readonly unknown[]>> = {
  String: ['\u0000', 'x'.repeat(100_000), "' OR 1=1; --", '\u202Eevil\u0000', '../../../../etc/passwd'],
  ID: ['\u0000', 'x'.repeat(10_000), "'; DROP TABLE fleet.device; --", '00000000-0000-0000-0000-000000000000'],
  DateTime: ['yesterday', '2026-13-45T99:99:99Z', '+275760-09-13T00:00:00.001Z', 'NaN'],
  Int: [2 ** 31, -(2 ** 53), 1.5],
  Float: [1e308, -1e308],
};

export interface HostileVariant {
  /** `Query.history(from)`, `Mutation.createSite(input.name)` … */
  name: string;
  query: string;
  variables: Record<string, unknown>;
}

/**
 * The walker's operations, each turned into one variant per hostile value of each scalar it takes:
 * top-level arguments and the scalar fields of input objects (one level down), optional ones too.
 * A field added tomorrow is covered without editing the test that uses this.
 */
export function hostileVariants(schema: GraphQLSchema, operations: readonly ProbeOperation[]): HostileVariant[] {
  const variants: HostileVariant[] = [];
  for (const op of operations) {
    const [rootName, fieldName] = op.field.split('.') as [string, string];
    const root = rootName === 'Query' ? schema.getQueryType() : rootName === 'Mutation' ? schema.getMutationType() : schema.getSubscriptionType();
    const field = root?.getFields()[fieldName];
    for (const arg of field?.args ?? []) {
      for (const [path, value] of hostileArgumentValues(arg, op.variables[arg.name])) {
        variants.push({ name: `${op.field}(${path})`, query: op.query, variables: { ...op.variables, [arg.name]: value } });
      }
    }
  }
  return variants;
}

/** [path, whole argument value] for each hostile value of the argument or of one scalar field inside it. */
function hostileArgumentValues(arg: GraphQLArgument, valid: unknown): [string, unknown][] {
  const list = isListType(getNullableType(arg.type));
  const wrap = (v: unknown) => (list ? [v] : v);
  const inner = getNullableType(list ? (getNullableType(arg.type) as { ofType: GraphQLInputType }).ofType : arg.type);
  const named = getNamedType(arg.type);
  if (!isInputObjectType(inner)) return (hostileScalars[named.name] ?? []).map((v) => [arg.name, wrap(v)]);
  const base = (Array.isArray(valid) ? valid[0] : valid) as Record<string, unknown> | undefined;
  if (!base || typeof base !== 'object') return [];
  const out: [string, unknown][] = [];
  for (const field of Object.values(inner.getFields())) {
    for (const v of hostileScalars[getNamedType(field.type).name] ?? []) out.push([`${arg.name}.${field.name}`, wrap({ ...base, [field.name]: v })]);
  }
  return out;
}

const graphqlCodes = new Set(Object.entries(errorCodes).flatMap(([code, spec]) => (spec.surface === 'graphql' ? [code] : [])));
/** Codes that mean "we failed", not "you sent something wrong". */
const serverSide = new Set<ErrorCode>(['INTERNAL_SERVER_ERROR', 'UPSTREAM_UNAVAILABLE']);
/** What must never reach a caller: internal addresses, SQL, stack frames, driver errors. */
const internals = [
  /https?:\/\/(127\.0\.0\.1|localhost|0\.0\.0\.0|\[::1?\])/i,
  /\b(SELECT|INSERT INTO|UPDATE \w+\.\w+ SET)\b/,
  /\bat \S+ \(\S+:\d+:\d+\)/,
  /QueryFailedError|node_modules|\.ts:\d+/,
];

/**
 * What is wrong with an answer to hostile input, if anything: a 5xx, an error without a code of the
 * registry or with a server-side one, or anything internal in the body.
 */
export function hostileAnswerProblems(status: number, body: unknown): string[] {
  const problems: string[] = [];
  if (status >= 500) problems.push(`HTTP ${status}`);
  const errors = (body as { errors?: { message?: string; extensions?: { code?: unknown } }[] } | null)?.errors ?? [];
  for (const error of errors) {
    const code = error.extensions?.code;
    if (typeof code !== 'string' || !graphqlCodes.has(code)) problems.push(`code ${String(code)} is not in the registry (${error.message?.slice(0, 120)})`);
    else if (serverSide.has(code as ErrorCode)) problems.push(`${code}: ${error.message?.slice(0, 120)}`);
  }
  const text = JSON.stringify(body);
  for (const pattern of internals) if (pattern.test(text)) problems.push(`internal detail ${pattern}: ${text.match(pattern)?.[0]}`);
  return problems;
}
