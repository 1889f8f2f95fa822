import type { Server } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { HearthError, type Logger } from '@hearth/platform';
import { gatewayContext, type GatewayContext } from '../context/gateway-context';
import type { SubscriptionEngine } from '../subscriptions/subscription-engine';
import type { LoadedSupergraph } from '../supergraph/loaded-supergraph';
import { executeOverWs } from './execute-over-ws';
import { prepareOperation, type WsOperation } from './prepare-operation';

export interface GraphqlWsOptions {
  httpServer: Server;
  logger: Logger;
  corsOrigins: string[];
  /** Server ping interval; a client that misses a pong for as long is disconnected. */
  heartbeatMs: number;
  supergraph(): LoadedSupergraph | undefined;
  apollo(): ApolloServer<GatewayContext> | undefined;
  subscribe: SubscriptionEngine;
  formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError;
}

/**
 * graphql-ws on the gateway's HTTP port and path: subscriptions through the subscription
 * engine, queries and mutations through Apollo Server.
 */
export function serveGraphqlWs(options: GraphqlWsOptions): {
  close(): Promise<void>;
} {
  const wsServer = new WebSocketServer({
    server: options.httpServer,
    path: '/graphql',
    // Browsers do not apply CORS to WebSockets, so the allowed origins are enforced here.
    verifyClient: ({ origin }: { origin?: string }) => !origin || options.corsOrigins.includes('*') || options.corsOrigins.includes(origin),
  });
  const format = <E extends GraphQLError | GraphQLFormattedError>(errors: readonly E[]) =>
    errors.map((error) => (error instanceof GraphQLError ? options.formatError(error.toJSON(), error) : error));
  const server = useServer<Record<string, unknown>>(
    {
      onSubscribe: (ctx, _id, payload) => {
        // Headers win over connection params, as in the subgraphs: a proxy sets headers, a client sets params.
        const caller = gatewayContext({ ...ctx.connectionParams, ...ctx.extra.request.headers }, options.logger);
        try {
          return prepareOperation(options.supergraph(), payload, caller);
        } catch (err) {
          caller.logger.error({ err }, 'could not prepare a graphql-ws operation');
          return [new HearthError('INTERNAL_SERVER_ERROR', 'The operation could not be planned; details are in the gateway log under your request id.')];
        }
      },
      execute: (args) => executeOverWs(options.apollo(), args),
      subscribe: (args) => {
        const operation = args.contextValue as WsOperation;
        // graphql-ws calls this only for subscription operations, which prepareOperation planned.
        return options.subscribe(operation.planned!, operation.caller, operation.variables);
      },
      onNext: (_ctx, _id, _payload, _args, result) => (result.errors ? { ...result, errors: format(result.errors) } : result),
      onError: (_ctx, _id, _payload, errors) => format(errors),
    },
    wsServer,
    options.heartbeatMs,
  );
  return {
    close: async () => {
      await server.dispose();
    },
  };
}
