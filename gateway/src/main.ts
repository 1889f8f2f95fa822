import type { Logger } from '@hearth/platform';
import { RedisLink } from '@hearth/platform/redis';
import { runService } from '@hearth/platform/service';
import { gatewayEnv } from './gateway-config';
import { startGateway } from './start-gateway';

/**
 * REDIS_URL must answer at start: a wrong URL would otherwise leave every instance limiting by
 * itself without anyone noticing. Once running, an outage falls back to each instance's own
 * limits (identity/shared-rate-limiter.ts); docker-compose restarts a gateway that exits here.
 */
async function connectRedis(url: string, prefix: string, logger: Logger): Promise<RedisLink> {
  try {
    return await RedisLink.connect(url, { logger: logger.child({ component: 'redis' }), prefix });
  } catch (err) {
    const where = new URL(url);
    where.password = '';
    logger.fatal({ err, redis: where.href }, 'gateway cannot reach REDIS_URL, which shares rate limits between instances');
    process.exit(1);
  }
}

// The gateway on its own (docker-compose); the embedded stack starts it in process instead.
await runService(
  'gateway',
  gatewayEnv.shape,
  async ({ config, logger, db }) => {
    const redis = config.REDIS_URL ? await connectRedis(config.REDIS_URL, config.REDIS_KEY_PREFIX, logger) : undefined;
    const gateway = await startGateway({
      db,
      redis,
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
      trustedProxies: config.GATEWAY_TRUSTED_PROXIES,
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
    });
    return {
      ...gateway,
      close: async () => {
        await gateway.close();
        await redis?.close();
      },
    };
  },
  (gateway) => ({ url: gateway.graphqlUrl, ws: gateway.wsUrl, metrics: gateway.metricsUrl }),
);
