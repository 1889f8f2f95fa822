import type { Server } from 'node:http';
import { ApolloGateway, IntrospectAndCompose } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import type { GraphQLFormattedError, GraphQLSchema } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from '@hearth/platform';
import type { GatewayContext } from '../context/gateway-context';
import type { DataSources } from './data-sources';
import { subscriptionsOverHttpPlugin } from './subscriptions-over-http.plugin';

export interface ApolloGatewayOptions {
  subgraphs: { name: string; url: string }[];
  /** Re-introspect the subgraphs this often to pick up schema changes; 0 or unset: never. */
  pollIntervalMs?: number;
  logger: Logger;
  dataSources: DataSources;
  httpServer: Server;
  formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError;
  /** Checks run on every resolved operation (scopes, limits). */
  plugins: ApolloServerPlugin<GatewayContext>[];
  /** graphql-js stops parsing documents longer than this. */
  maxTokens: number;
  /** Called with every supergraph the gateway loads, before it serves requests with it. */
  onSupergraph(update: { apiSchema: GraphQLSchema; coreSupergraphSdl: string }): void;
}

/** Composes the subgraphs (IntrospectAndCompose) and starts Apollo Server on the result. */
export async function startApolloGateway(options: ApolloGatewayOptions): Promise<ApolloServer<GatewayContext>> {
  const logger = options.logger.child({ component: 'apollo-gateway' });
  const gateway = new ApolloGateway({
    supergraphSdl: new IntrospectAndCompose({
      subgraphs: options.subgraphs,
      pollIntervalInMs: options.pollIntervalMs || undefined,
      logger,
    }),
    buildService: (definition) => options.dataSources.buildService(definition),
    logger,
  });
  gateway.onSchemaLoadOrUpdate(options.onSupergraph);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    formatError: options.formatError,
    includeStacktraceInErrorResponses: false,
    // Our processes own SIGINT/SIGTERM: Apollo's handlers re-raise the signal and end the process
    // before the graceful shutdown (telemetry flush, closing connections) has finished.
    stopOnTerminationSignals: false,
    // Introspection is allowed or refused by the gateway's own access check, with its own code.
    introspection: true,
    parseOptions: { maxTokens: options.maxTokens },
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer: options.httpServer }), subscriptionsOverHttpPlugin(), ...options.plugins],
  });
  await apollo.start();
  return apollo;
}
