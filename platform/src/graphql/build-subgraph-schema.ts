import 'reflect-metadata';
import { buildSubgraphSchema as buildApolloSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { GraphQLSchema } from 'graphql';
import gql from 'graphql-tag';
import { DateTimeResolver } from 'graphql-scalars';
import { buildSchema, createResolversMap, type BuildSchemaOptions } from 'type-graphql';
import { userInputScalar } from './user-input-scalar';

/** A date refused by its scalar is the caller's mistake, not ours. */
const DateTime = userInputScalar(DateTimeResolver);

const FEDERATION_LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@tag"])`;

/** The `@tag` name that opens a field to callers who are not signed in; the gateway and subgraph servers read it back. */
export const PUBLIC_TAG = 'public';

/**
 * Marks a root field anyone may call without signing in (a consumer scanning a cylinder's QR code):
 * `@Directive(PUBLIC_FIELD)`. The gateway lets anonymous callers reach such a field, and nothing
 * else, at a per-address rate; everything under it is answered without a tenant.
 */
export const PUBLIC_FIELD = `@tag(name: "${PUBLIC_TAG}")`;

/**
 * Resolvers written by hand, by type name, over the ones type-graphql made: `__resolveReference`
 * of an entity, or a property of a field's resolver (a subscription field given only `resolve`
 * keeps type-graphql's `subscribe`).
 */
export type HandWrittenResolvers = Record<
  string,
  Record<string, ((...args: never[]) => unknown) | { resolve?: (...args: never[]) => unknown; subscribe?: (...args: never[]) => unknown }>
>;

/**
 * What the root types are, the same in every subgraph so the composed schema carries it (type-graphql
 * has no place to describe them).
 */
const ROOT_DESCRIPTIONS: Record<string, string> = {
  Query: "Every read of the API. Each field answers within the caller's tenant, and only with the scopes of its session or API key.",
  Mutation: "Every change the API accepts, within the caller's tenant and the scopes of its session or API key.",
  Subscription: "Live events over graphql-ws on the gateway's `/graphql` WebSocket, within the caller's tenant; each event is state already stored.",
};

/**
 * Builds a Federation 2 subgraph schema from type-graphql classes: type-graphql makes the
 * schema and resolvers, @apollo/subgraph adds `_entities`/`_service` and the link.
 */
export async function buildSubgraphSchema(
  options: Omit<BuildSchemaOptions, 'skipCheck'>,
  handWrittenResolvers: HandWrittenResolvers = {},
): Promise<GraphQLSchema> {
  // Every subgraph names dates `DateTime` (ISO-8601), so the composed scalar is one type.
  const schema = await buildSchema({ scalarsMap: [{ type: Date, scalar: DateTime }], ...options, skipCheck: true, validate: false });
  for (const root of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
    if (root && !root.description) root.description = ROOT_DESCRIPTIONS[root.name] ?? null;
  }
  const resolvers = createResolversMap(schema) as Record<string, Record<string, unknown>>;
  for (const [typeName, handWritten] of Object.entries(handWrittenResolvers)) {
    const made = (resolvers[typeName] ??= {});
    for (const [field, resolver] of Object.entries(handWritten)) {
      made[field] = typeof resolver === 'object' && typeof made[field] === 'object' ? { ...made[field], ...resolver } : resolver;
    }
  }
  return buildApolloSubgraphSchema({
    typeDefs: gql`
      ${FEDERATION_LINK}
      ${printSchemaWithDirectives(schema)}
    `,
    resolvers: resolvers as GraphQLResolverMap<unknown>,
  });
}
