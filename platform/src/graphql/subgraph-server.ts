import type { IncomingMessage } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import type { Logger } from 'pino';
import { WebSocketServer } from 'ws';
import { callerFromHeaders, type CallerContext } from '../context/caller-context';
import { createHttpServer, listen, type RouteHandler, type RunningHttpServer } from '../http/http-server';
import { apolloHttpHandler } from './apollo-http-handler';
import { createFormatError } from './format-error';

export interface SubgraphServerOptions {
  name: string;
  schema: GraphQLSchema;
  port: number;
  host?: string;
  logger: Logger;
  defaultTenantId: string;
  ready?: () => Promise<boolean>;
}

export interface RunningSubgraph extends RunningHttpServer {
  graphqlUrl: string;
  wsUrl: string;
}

export type SubgraphContext = CallerContext & { logger: Logger };

/**
 * Serves one subgraph: queries and mutations over HTTP (Apollo Server), subscriptions over
 * graphql-ws on the same port and path, plus /healthz, /readyz and /metrics.
 */
export async function startSubgraphServer(options: SubgraphServerOptions): Promise<RunningSubgraph> {
  const contextOf = (headers: Record<string, unknown>): SubgraphContext => {
    const caller = callerFromHeaders(headers, options.defaultTenantId);
    return { ...caller, logger: options.logger.child({ tenantId: caller.tenantId, requestId: caller.requestId }) };
  };
  const routes: Record<string, RouteHandler> = {};
  const httpServer = createHttpServer({ name: options.name, logger: options.logger, routes, ready: options.ready });
  const apollo = new ApolloServer<SubgraphContext>({
    schema: options.schema,
    formatError: createFormatError(options.logger),
    // Inline traces feed Apollo's hosted studio, which this deployment does not use.
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginInlineTraceDisabled()],
    includeStacktraceInErrorResponses: false,
  });
  await apollo.start();
  routes['/graphql'] = apolloHttpHandler(apollo, async (req: IncomingMessage) => contextOf(req.headers));

  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql' });
  const wsCleanup = useServer(
    {
      schema: options.schema,
      // Connection params carry what headers carry over HTTP.
      context: (ctx) => contextOf({ ...(ctx.connectionParams ?? {}), ...ctx.extra.request.headers }),
    },
    wsServer,
  );

  const running = await listen(httpServer, options.port, options.host ?? '0.0.0.0');
  return {
    ...running,
    graphqlUrl: `${running.url}/graphql`,
    wsUrl: `${running.url.replace(/^http/, 'ws')}/graphql`,
    close: async () => {
      await wsCleanup.dispose();
      wsServer.close();
      await apollo.stop();
      await running.close();
    },
  };
}
