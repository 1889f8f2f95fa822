import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { Database } from '@hearth/platform/db';
import type { HandWrittenResolvers } from '@hearth/platform/graphql';

/** What every area of the cylinders service is built from. */
export interface CylinderDeps {
  db: Database;
  data: DataSource;
  logger: Logger;
}

/**
 * One area of the cylinders subgraph (the registry, filling, transfers, hand-overs): its resolver
 * instances, resolvers written by hand, and what it runs in the background (started after the
 * server, stopped before it closes).
 */
export interface CylinderArea {
  resolvers: object[];
  handWritten?: HandWrittenResolvers;
  start?(): Promise<void>;
  stop?(): Promise<void>;
}
