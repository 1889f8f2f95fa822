import { Supergraph, type Schema } from '@apollo/federation-internals';
import { QueryPlanner } from '@apollo/query-planner';
import type { GraphQLSchema } from 'graphql';
import { fieldOwners, publicFields, type FieldOwners } from '../access/field-owners';

/**
 * Everything the subscription path needs from one supergraph version. Built from the same
 * SDL the gateway loaded, so plans agree with the ones it makes for queries.
 */
export interface LoadedSupergraph {
  /** The API schema as the gateway serves and validates it. */
  apiSchema: GraphQLSchema;
  /** The API schema in federation-internals form, for `operationFromDocument`. */
  apiSchemaInternal: Schema;
  /** The supergraph with its join directives, which `executeQueryPlan` reads type ownership from. */
  supergraphSchema: GraphQLSchema;
  planner: QueryPlanner;
  /** Subgraph HTTP URLs by name, as composed. */
  subgraphUrls: Map<string, string>;
  /** Which subgraphs resolve each `Type.field`: the domains scopes are checked against. */
  owners: FieldOwners;
  /** Fields anyone may call without signing in (tagged public by their subgraph). */
  publicFields: ReadonlySet<string>;
}

export function loadSupergraph(update: { apiSchema: GraphQLSchema; coreSupergraphSdl: string }): LoadedSupergraph {
  const supergraph = Supergraph.build(update.coreSupergraphSdl);
  return {
    apiSchema: update.apiSchema,
    apiSchemaInternal: supergraph.apiSchema(),
    supergraphSchema: supergraph.schema.toGraphQLJSSchema(),
    planner: new QueryPlanner(supergraph),
    subgraphUrls: new Map(supergraph.subgraphsMetadata().map((s) => [s.name, s.url])),
    owners: fieldOwners(supergraph),
    publicFields: publicFields(supergraph),
  };
}
