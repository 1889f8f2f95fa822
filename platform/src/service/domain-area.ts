import type { GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import type { NonEmptyArray } from 'type-graphql';
import type { DataSource } from 'typeorm';
import type { Database } from '../db/database';
import { buildSubgraphSchema } from '../graphql/build-subgraph-schema';
import type { HandWrittenResolvers } from '../graphql/build-subgraph-schema';

/** What every area of a domain service is built from. */
export interface DomainDeps {
  db: Database;
  data: DataSource;
  logger: Logger;
}

/**
 * One area of a domain subgraph, a folder of its own (the cylinders' registry, the fueling
 * stations): its resolver instances, resolvers written by hand, and what it runs in the
 * background (started after the server, stopped before it closes).
 */
export interface DomainArea {
  resolvers: object[];
  handWritten?: HandWrittenResolvers;
  start?(): Promise<void>;
  stop?(): Promise<void>;
}

/** A domain's subgraph schema from its areas: every area's resolvers and hand-written resolvers. */
export function buildAreasSchema(areas: readonly DomainArea[]): Promise<GraphQLSchema> {
  const resolvers = areas.flatMap((a) => a.resolvers);
  return buildSubgraphSchema(
    {
      resolvers: resolvers.map((r) => r.constructor) as unknown as NonEmptyArray<() => unknown>,
      // Resolvers are built by their areas; type-graphql asks this container for them.
      container: { get: (cls: unknown) => resolvers.find((r) => r.constructor === cls) },
    },
    Object.assign({}, ...areas.map((a) => a.handWritten ?? {})),
  );
}
