import type { IncomingMessage } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { parse, type GraphQLSchema } from 'graphql';
import { useGraphqlWs } from './use-graphql-ws';
import { subscribeOnceCoerced } from './subscribe-once-coerced';
import type { Logger } from 'pino';
import { WebSocketServer } from 'ws';
import { CONTEXT_HEADER, ContextRefused, type ContextVerifier } from '../auth/signed-context';
import type { CallerContext } from '../context/caller-context';
import { createHttpServer, listen, sendJson, type RouteHandler, type RunningHttpServer } from '../http/http-server';
import { apolloHttpHandler } from './apollo-http-handler';
import { LazyChildLogger } from '../logging/lazy-child-logger';
import { createFormatError } from './format-error';
import { publicQueryFields, subgraphScopeError } from './subgraph-scope';
import { nulByteError, nulInLiterals, nulInVariables } from './nul-bytes';

export interface SubgraphServerOptions {
  name: string;
  schema: GraphQLSchema;
  port: number;
  host?: string;
  logger: Logger;
  /** Checks the gateway's signed context; requests without a valid one are refused. */
  contextVerifier: ContextVerifier;
  /** The scope domain of this subgraph's fields (`tanks`, `twins`, …). */
  domain: string;
  ready?: () => Promise<boolean>;
}

export interface RunningSubgraph extends RunningHttpServer {
  graphqlUrl: string;
  wsUrl: string;
}

export type SubgraphContext = CallerContext & { logger: Logger };

/** One request's caller; its child logger is made when a resolver first logs. */
class RequestContext extends LazyChildLogger implements SubgraphContext {
  readonly tenantId: string;
  readonly requestId: string;
  readonly principal: CallerContext['principal'];
  readonly scopes: readonly string[];

  constructor(caller: CallerContext, parentLogger: Logger) {
    super(parentLogger);
    ({ tenantId: this.tenantId, requestId: this.requestId, principal: this.principal, scopes: this.scopes } = caller);
  }

  protected bindings() {
    return { tenantId: this.tenantId, requestId: this.requestId };
  }
}

/**
 * Serves one subgraph: queries and mutations over HTTP (Apollo Server), subscriptions over
 * graphql-ws on the same port and path, plus /healthz, /readyz and /metrics.
 */
export async function startSubgraphServer(options: SubgraphServerOptions): Promise<RunningSubgraph> {
  const contextOf = async (token: unknown): Promise<SubgraphContext> => new RequestContext(await options.contextVerifier.verify(token), options.logger);
  const refusal = (err: unknown) => {
    if (!(err instanceof ContextRefused)) throw err;
    options.logger.warn({ reason: err.message }, 'request without a valid signed context refused');
    return `Refused: ${err.message}. Call the gateway, not the subgraph.`;
  };
  const openFields = publicQueryFields(options.schema);
  const routes: Record<string, RouteHandler> = {};
  const httpServer = createHttpServer({ name: options.name, logger: options.logger, routes, ready: options.ready });
  const apollo = new ApolloServer<SubgraphContext>({
    schema: options.schema,
    formatError: createFormatError(options.logger),
    // Our processes own SIGINT/SIGTERM: Apollo's handlers re-raise the signal and end the process
    // before the graceful shutdown (telemetry flush, closing connections) has finished.
    stopOnTerminationSignals: false,
    // Inline traces feed Apollo's hosted studio, which this deployment does not use.
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginInlineTraceDisabled(),
      {
        requestDidStart: async () => ({
          didResolveOperation: async ({ document, operationName, contextValue, request }) => {
            const refused = subgraphScopeError(options.domain, contextValue, document, operationName, openFields);
            if (refused) throw refused;
            const nul = nulInLiterals(document) ?? nulInVariables(request.variables);
            if (nul) throw nulByteError(nul);
          },
        }),
      },
    ],
    includeStacktraceInErrorResponses: false,
  });
  await apollo.start();
  const graphql = apolloHttpHandler(apollo, async (req: IncomingMessage) => (req as IncomingMessage & { caller: SubgraphContext }).caller);
  routes['/graphql'] = async (req, res) => {
    try {
      Object.assign(req, { caller: await contextOf(req.headers[CONTEXT_HEADER]) });
    } catch (err) {
      return sendJson(res, 401, { errors: [{ message: refusal(err), extensions: { code: 'SIGNED_CONTEXT_REQUIRED' } }] });
    }
    return graphql(req, res);
  };

  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql' });
  const wsCleanup = useGraphqlWs(
    {
      schema: options.schema,
      subscribe: subscribeOnceCoerced,
      // Verified once per connection: the gateway opens one per upstream subscription.
      onConnect: async (ctx) => {
        try {
          const caller = await contextOf(ctx.extra.request.headers[CONTEXT_HEADER] ?? ctx.connectionParams?.[CONTEXT_HEADER]);
          Object.assign(ctx.extra, { caller });
          return true;
        } catch (err) {
          ctx.extra.socket.close(4401, refusal(err).slice(0, 120));
          return false;
        }
      },
      context: (ctx) => (ctx.extra as unknown as { caller: SubgraphContext }).caller,
      onSubscribe: (ctx, _id, payload) => {
        const caller = (ctx.extra as unknown as { caller: SubgraphContext }).caller;
        let document;
        try {
          document = parse(payload.query);
        } catch {
          return; // graphql-ws reports the syntax error itself
        }
        const refused = subgraphScopeError(options.domain, caller, document, payload.operationName, openFields);
        return refused ? [refused] : undefined;
      },
    },
    wsServer,
    { service: options.name, keepAliveMs: 12_000 },
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
