import { buildAreasSchema } from '@hearth/platform/service';
import type { GraphQLSchema } from 'graphql';
import { areasOf, type Services } from './services';

/** The metering subgraph: every area's resolvers and hand-written resolvers. */
export const buildMeteringSchema = (services: Services): Promise<GraphQLSchema> => buildAreasSchema(areasOf(services));
