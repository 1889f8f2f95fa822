import type { ServerResponse } from 'node:http';
import { apolloHttpHandler, httpStatusOf } from '@hearth/platform/graphql';
import type { RedisLink } from '@hearth/platform/redis';
import { ENTITY_CHANGED_CHANNEL, parseEntityChanged, type Database } from '@hearth/platform/db';
import {
  createHttpServer,
  liveSubgraphNames,
  HearthError,
  listen,
  secretHashing,
  sendJson,
  startMetricsServer,
  type HashingLimits,
  type Logger,
  type RouteHandler,
} from '@hearth/platform';
import { accessPlugin } from './access/access-plugin';
import type { AccessPolicy } from './access/admission';
import { clientAddress, trustedProxies } from './access/client-address';
import { DEFAULT_LIMITS, type OperationLimits } from './access/operation-limits';
import { IDENTITY_SUBGRAPH } from './access/field-scopes';
import { Gatekeeper } from './access/gatekeeper';
import { registeredBody, trustedOnly } from './access/trusted-operations';
import { createDataSources, localSubgraphUrl } from './apollo/data-sources';
import { createGatewayFormatError } from './apollo/format-gateway-error';
import { loadWithRetry } from './apollo/load-with-retry';
import { startApolloGateway } from './apollo/start-apollo-gateway';
import { gatewayContext } from './context/gateway-context';
import { buildIdentitySchema } from './identity/schema/identity-schema';
import { DEFAULT_LOGIN_THROTTLE, LoginThrottle, type LoginThrottleLimits } from './identity/login-throttle';
import { migrateIdentity } from './identity/seed';
import { createRateLimiter } from './identity/shared-rate-limiter';
import { gatewayMetrics } from './gateway-metrics';
import { EntityCache } from './subscriptions/entity-cache';
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
  /** Where identity (users, sessions, API keys, usage) and the audit log live; the gateway migrates both. */
  db: Database;
  /** PKCS#8 PEM of the key that signs the context subgraphs receive. */
  contextPrivateKeyPem: string;
  /** How long a signed caller context is valid (default 60 s); contexts of long subscriptions are renewed. */
  contextTtlSeconds?: number;
  /** Schema introspection (on in development, off in production by default). */
  introspection?: boolean;
  /** Operations on public fields (a cylinder's QR lookup) per minute from one address, when not signed in (default 30). */
  publicRatePerMinute?: number;
  /** Depth, alias, token and cost limits per operation (defaults: DEFAULT_LIMITS). */
  limits?: Partial<OperationLimits>;
  /** Where Prometheus scrapes `/metrics` (never on the public port); unset: not served by the gateway. */
  metrics?: { port: number; host?: string };
  /** Browser origins allowed over HTTP (CORS) and WebSocket; `*` allows any. */
  corsOrigins?: string[];
  /** Load balancers whose X-Forwarded-For names the caller's address (addresses, CIDR ranges, `private`); default none. */
  trustedProxies?: string[];
  /**
   * The Redis every instance shares (`REDIS_URL`): API keys' rates and the login throttle are counted there, so
   * N instances together allow what one would. Unset: each instance counts by itself. The caller closes it.
   */
  redis?: RedisLink;
  /** Logins at once and failed logins per source address and per email each minute (default DEFAULT_LOGIN_THROTTLE). */
  loginThrottle?: Partial<LoginThrottleLimits>;
  /** Password and secret hashes at once and waiting, for the whole process (default DEFAULT_HASHING_LIMITS). */
  hashing?: HashingLimits;
  /** Re-introspect subgraphs this often to pick up schema changes; unset: never. */
  pollIntervalMs?: number;
  subscriptions?: {
    /** Entities one subscriber may have an event waiting for before the oldest is dropped (default 5,000). */
    bufferSize?: number;
    /**
     * Subgraphs whose entity fields change with telemetry, never cached for live events
     * (default twins, fleet). Every other subgraph's fields are cached until it announces a change.
     */
    liveSubgraphs?: string[];
    /** Longest a cached entity is served without asking its subgraph again (default 5 min). */
    entityCacheTtlMs?: number;
    /** Most cached entities (default 100,000). */
    entityCacheSize?: number;
    /** Events one subscriber resolves at once (default 32). */
    readAhead?: number;
    /** graphql-ws keep-alive towards clients and subgraphs (default 12 s). */
    heartbeatMs?: number;
    /** Subscriptions one graphql-ws connection may hold (default 100). */
    maxPerConnection?: number;
    /** Subscriptions one user or API key may hold across its connections (default 200). */
    maxPerPrincipal?: number;
    /** Events resolved at once across every subscriber, shared out tenant by tenant (default 256). */
    eventConcurrency?: number;
  };
}

export interface RunningGateway {
  url: string;
  graphqlUrl: string;
  wsUrl: string;
  port: number;
  /** `http://host:port` of the internal metrics listener, when one was asked for. */
  metricsUrl?: string;
  /** Writes counted API key usage now (it is otherwise written every few seconds). */
  flushUsage(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The federated API: Apollo Gateway over HTTP and graphql-ws subscriptions on the same
 * port and path (`/graphql`), plus /healthz and /readyz (supergraph loaded); /metrics on an internal port of its own.
 */
export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  // @apollo/gateway reports usage to Apollo's servers unless told otherwise; ours does not phone home.
  process.env.APOLLO_TELEMETRY_DISABLED ??= 'true';
  const { logger } = options;
  const corsOrigins = options.corsOrigins ?? [];
  const heartbeatMs = options.subscriptions?.heartbeatMs ?? 12_000;
  const policy: AccessPolicy = { limits: { ...DEFAULT_LIMITS, ...options.limits }, introspection: options.introspection ?? true };
  const formatError = createGatewayFormatError(logger, policy.limits.maxTokens);
  await migrateIdentity(options.db, logger);
  const limiter = (name: string) => createRateLimiter(name, options.redis, logger.child({ component: 'rate-limits' }));
  const gatekeeper = new Gatekeeper(
    options.db,
    logger,
    options.contextPrivateKeyPem,
    options.contextTtlSeconds,
    limiter('api-key'),
    options.publicRatePerMinute,
  );
  await gatekeeper.start();
  let supergraph: LoadedSupergraph | undefined;
  const domains = () => new Set([...(supergraph?.subgraphUrls.keys() ?? [])].filter((name) => name !== IDENTITY_SUBGRAPH));
  if (options.hashing) secretHashing.configure(options.hashing);
  const loginThrottle = new LoginThrottle(
    { ...DEFAULT_LOGIN_THROTTLE, ...options.loginThrottle },
    { byAddress: limiter('login-address'), byEmail: limiter('login-email') },
  );
  const proxies = trustedProxies(options.trustedProxies ?? []);
  const identitySchema = await buildIdentitySchema({ db: options.db, domains, loginThrottle });
  const entityCache = new EntityCache({
    maxEntries: options.subscriptions?.entityCacheSize ?? 100_000,
    ttlMs: options.subscriptions?.entityCacheTtlMs ?? 5 * 60_000,
  });
  const liveSubgraphs = new Set([IDENTITY_SUBGRAPH, ...(options.subscriptions?.liveSubgraphs ?? liveSubgraphNames())]);
  // Changes made through this gateway clear the cache on their way back; changes made anywhere
  // else (another gateway, a CLI, an import) arrive as announcements from the owning subgraph.
  const unlistenChanges = await options.db.listen(ENTITY_CHANGED_CHANNEL, (payload) => {
    const change = parseEntityChanged(payload);
    if (change) entityCache.invalidate(change.subgraph, change.tenantId);
    else entityCache.clear();
  });
  const dataSources = createDataSources(logger, gatekeeper, new Map([[IDENTITY_SUBGRAPH, identitySchema]]), (subgraph, tenantId) =>
    entityCache.invalidate(subgraph, tenantId),
  );
  const routes: Record<string, RouteHandler> = {};
  const httpServer = createHttpServer({
    name: 'gateway',
    logger,
    routes,
    corsOrigins,
    metrics: false,
    ready: async () => supergraph !== undefined && loader.current() !== undefined,
  });

  const loader = loadWithRetry(
    () =>
      startApolloGateway({
        ...options,
        subgraphs: [{ name: IDENTITY_SUBGRAPH, url: localSubgraphUrl(IDENTITY_SUBGRAPH) }, ...options.subgraphs],
        plugins: [
          accessPlugin(
            () => supergraph,
            policy,
            (ctx) => gatekeeper.admitPublic(ctx.from.ip),
          ),
        ],
        maxTokens: policy.limits.maxTokens,
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
  routes['/graphql'] = async (req, res) => {
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
    const from = { origin: req.headers.origin, ip: clientAddress(req, proxies) };
    let context;
    try {
      const caller = await gatekeeper.identify(req.headers, from);
      // Anonymous callers can only log in: one the login throttle would refuse costs no GraphQL work.
      const refusal = caller ? undefined : await loginThrottle.refusalFor(from.ip);
      if (refusal) return refuse(res, refusal);
      for (const [name, value] of Object.entries(await gatekeeper.admitOperation(caller))) res.setHeader(name, value);
      context = gatewayContext(req.headers, caller, from, logger);
    } catch (err) {
      if (!(err instanceof HearthError)) throw err;
      return refuse(res, err);
    }
    const caller = context.caller;
    return apolloHttpHandler(apollo, async () => context, {
      rewriteBody: trustedOnly(caller) ? (body, method) => registeredBody(gatekeeper.documents, caller, body, method) : undefined,
    })(req, res);
  };

  const hub = createUpstreamHub(openGraphqlWsUpstream({ heartbeatMs, logger, sign: (context) => gatekeeper.sign(context) }), (size) =>
    gatewayMetrics.upstreamSubscriptions.set(size),
  );
  const ws = serveGraphqlWs({
    httpServer,
    logger,
    corsOrigins,
    trustedProxies: proxies,
    heartbeatMs,
    supergraph: () => supergraph,
    apollo: () => loader.current(),
    subscribe: createSubscriptionEngine({
      hub,
      dataSources,
      bufferSize: options.subscriptions?.bufferSize ?? 5_000,
      readAhead: options.subscriptions?.readAhead,
      eventConcurrency: options.subscriptions?.eventConcurrency,
      entities: { cache: entityCache, cacheable: (subgraph) => !liveSubgraphs.has(subgraph), maxConcurrent: 4, maxBatch: 1_000 },
    }),
    gatekeeper,
    policy,
    subscriptionLimits: { perConnection: options.subscriptions?.maxPerConnection, perPrincipal: options.subscriptions?.maxPerPrincipal },
    formatError,
  });

  const running = await listen(httpServer, options.port, options.host ?? '0.0.0.0');
  const metricsServer = options.metrics && (await startMetricsServer({ ...options.metrics, name: 'gateway', logger }));
  await loader.firstAttempt;
  const wsUrl = `${running.url.replace(/^http/, 'ws')}/graphql`;
  return {
    url: running.url,
    graphqlUrl: `${running.url}/graphql`,
    wsUrl,
    port: running.port,
    metricsUrl: metricsServer ? metricsServer.url : undefined,
    flushUsage: () => gatekeeper.usage.flush(),
    // Subscribers first (they get a close frame), then in-flight HTTP requests drain, then the socket.
    close: async () => {
      await ws.close();
      await loader.stop();
      await running.close();
      await metricsServer?.close();
      await gatekeeper.stop();
      await unlistenChanges();
    },
  };
}

/** A caller refused before any GraphQL runs: the status says why, the body has the registry code. */
function refuse(res: ServerResponse, err: HearthError): void {
  const { http, ...extensions } = err.extensions as { http?: { headers?: Map<string, string> } } & Record<string, unknown>;
  for (const [name, value] of http?.headers ?? []) res.setHeader(name, value);
  sendJson(res, httpStatusOf(extensions.code), { errors: [{ message: err.message, extensions }] });
}
