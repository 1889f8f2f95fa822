import { runService } from '@hearth/platform/service';
import { gatewayEnv } from './gateway-config';
import { startGateway } from './start-gateway';

// The gateway on its own (docker-compose); the embedded stack starts it in process instead.
await runService(
  'gateway',
  gatewayEnv.shape,
  ({ config, logger, db }) =>
    startGateway({
      db,
      contextPrivateKeyPem: config.HEARTH_CONTEXT_PRIVATE_KEY_FILE,
      limits: {
        maxDepth: config.GATEWAY_MAX_DEPTH,
        maxAliases: config.GATEWAY_MAX_ALIASES,
        maxTokens: config.GATEWAY_MAX_TOKENS,
        maxCost: config.GATEWAY_MAX_COST,
      },
      introspection: config.GATEWAY_INTROSPECTION ? config.GATEWAY_INTROSPECTION === 'true' : config.NODE_ENV !== 'production',
      port: config.GATEWAY_PORT,
      host: config.GATEWAY_HOST,
      metrics: { port: config.GATEWAY_METRICS_PORT, host: config.GATEWAY_METRICS_HOST },
      loginThrottle: {
        failuresPerAddressPerMinute: config.GATEWAY_LOGIN_FAILURES_PER_ADDRESS,
        failuresPerEmailPerMinute: config.GATEWAY_LOGIN_FAILURES_PER_EMAIL,
      },
      hashing: { concurrency: config.GATEWAY_HASHING_CONCURRENCY, queueLimit: config.GATEWAY_HASHING_QUEUE },
      subgraphs: config.SUBGRAPH_URLS,
      logger,
      corsOrigins: config.CORS_ORIGINS,
      pollIntervalMs: config.GATEWAY_POLL_INTERVAL_MS,
      subscriptions: {
        bufferSize: config.GATEWAY_SUBSCRIPTION_BUFFER,
        liveSubgraphs: config.GATEWAY_LIVE_SUBGRAPHS,
        entityCacheTtlMs: config.GATEWAY_ENTITY_CACHE_TTL_MS,
        entityCacheSize: config.GATEWAY_ENTITY_CACHE_SIZE,
        heartbeatMs: config.GATEWAY_HEARTBEAT_MS,
        maxPerConnection: config.GATEWAY_MAX_SUBSCRIPTIONS_PER_CONNECTION,
        maxPerPrincipal: config.GATEWAY_MAX_SUBSCRIPTIONS_PER_PRINCIPAL,
        eventConcurrency: config.GATEWAY_EVENT_CONCURRENCY,
      },
    }),
  (gateway) => ({ url: gateway.graphqlUrl, ws: gateway.wsUrl, metrics: gateway.metricsUrl }),
);
