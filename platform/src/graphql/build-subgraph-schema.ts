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

const FEDERATION_LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides"])`;

/** Resolvers for `__resolveReference`, by entity type name. */
export type ReferenceResolvers = Record<string, { __resolveReference: (ref: never, context: never) => unknown }>;

/**
 * Builds a Federation 2 subgraph schema from type-graphql classes: type-graphql makes the
 * schema and resolvers, @apollo/subgraph adds `_entities`/`_service` and the link.
 */
export async function buildSubgraphSchema(options: Omit<BuildSchemaOptions, 'skipCheck'>, references: ReferenceResolvers = {}): Promise<GraphQLSchema> {
  // Every subgraph names dates `DateTime` (ISO-8601), so the composed scalar is one type.
  const schema = await buildSchema({ scalarsMap: [{ type: Date, scalar: DateTime }], ...options, skipCheck: true, validate: false });
  const resolvers = createResolversMap(schema) as Record<string, Record<string, unknown>>;
  for (const [typeName, reference] of Object.entries(references)) {
    resolvers[typeName] = { ...resolvers[typeName], ...reference };
  }
  return buildApolloSubgraphSchema({
    typeDefs: gql`
      ${FEDERATION_LINK}
      ${printSchemaWithDirectives(schema)}
    `,
    resolvers: resolvers as GraphQLResolverMap<unknown>,
  });
}
