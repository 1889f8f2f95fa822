import { apolloHttpHandler } from '@hearth/platform/graphql';
import { createHttpServer, listen, sendJson, type Logger, type RouteHandler } from '@hearth/platform';
import { createDataSources } from './apollo/data-sources';
import { createGatewayFormatError } from './apollo/format-gateway-error';
import { loadWithRetry } from './apollo/load-with-retry';
import { startApolloGateway } from './apollo/start-apollo-gateway';
import { gatewayContext } from './context/gateway-context';
import { gatewayMetrics } from './gateway-metrics';
import { openGraphqlWsUpstream } from './subscriptions/open-graphql-ws-upstream';
import { createSubscriptionEngine } from './subscriptions/subscription-engine';
import { createUpstreamHub } from './subscriptions/upstream-hub';
import { loadSupergraph, type LoadedSupergraph } from './supergraph/loaded-supergraph';
import { serveGraphqlWs } from './ws/serve-graphql-ws';

export interface GatewayOptions {
  port: number;
  host?: string;
  subgraphs: { name: string; url: string }[];
  logger: Logger;
  /** Browser origins allowed over HTTP (CORS) and WebSocket; `*` allows any. */
  corsOrigins?: string[];
  /** Re-introspect subgraphs this often to pick up schema changes; unset: never. */
  pollIntervalMs?: number;
  subscriptions?: {
    /** Undelivered events one subscriber may fall behind before the oldest are dropped (default 100). */
    bufferSize?: number;
    /** graphql-ws keep-alive towards clients and subgraphs (default 12 s). */
    heartbeatMs?: number;
  };
}

export interface RunningGateway {
  url: string;
  graphqlUrl: string;
  wsUrl: string;
  port: number;
  close(): Promise<void>;
}

/**
 * The federated API: Apollo Gateway over HTTP and graphql-ws subscriptions on the same
 * port and path (`/graphql`), plus /healthz, /readyz (supergraph loaded) and /metrics.
 */
export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  // @apollo/gateway reports usage to Apollo's servers unless told otherwise; ours does not phone home.
  process.env.APOLLO_TELEMETRY_DISABLED ??= 'true';
  const { logger } = options;
  const corsOrigins = options.corsOrigins ?? [];
  const heartbeatMs = options.subscriptions?.heartbeatMs ?? 12_000;
  const formatError = createGatewayFormatError(logger);
  const dataSources = createDataSources(logger);
  let supergraph: LoadedSupergraph | undefined;
  const routes: Record<string, RouteHandler> = {};
  const httpServer = createHttpServer({
    name: 'gateway',
    logger,
    routes,
    corsOrigins,
    ready: async () => supergraph !== undefined && loader.current() !== undefined,
  });

  const loader = loadWithRetry(
    () =>
      startApolloGateway({
        ...options,
        dataSources,
        httpServer,
        formatError,
        onSupergraph: (update) => {
          supergraph = loadSupergraph(update);
          logger.info({ subgraphs: [...supergraph.subgraphUrls.keys()] }, 'supergraph updated');
        },
      }),
    logger,
  );
  routes['/graphql'] = (req, res) => {
    const apollo = loader.current();
    if (!apollo)
      return sendJson(res, 503, {
        errors: [
          {
            message: 'The gateway has not loaded its schema yet. Retry shortly.',
            extensions: { code: 'UPSTREAM_UNAVAILABLE' },
          },
        ],
      });
    return apolloHttpHandler(apollo, async (request) => gatewayContext(request.headers, logger))(req, res);
  };

  const hub = createUpstreamHub(openGraphqlWsUpstream({ heartbeatMs, logger }), (size) => gatewayMetrics.upstreamSubscriptions.set(size));
  const ws = serveGraphqlWs({
    httpServer,
    logger,
    corsOrigins,
    heartbeatMs,
    supergraph: () => supergraph,
    apollo: () => loader.current(),
    subscribe: createSubscriptionEngine({
      hub,
      dataSources,
      bufferSize: options.subscriptions?.bufferSize ?? 100,
    }),
    formatError,
  });

  const running = await listen(httpServer, options.port, options.host ?? '0.0.0.0');
  await loader.firstAttempt;
  const wsUrl = `${running.url.replace(/^http/, 'ws')}/graphql`;
  return {
    url: running.url,
    graphqlUrl: `${running.url}/graphql`,
    wsUrl,
    port: running.port,
    // Subscribers first (they get a close frame), then in-flight HTTP requests drain, then the socket.
    close: async () => {
      await ws.close();
      await loader.stop();
      await running.close();
    },
  };
}
