import { z } from 'zod';
import { commonEnv, DEFAULT_HASHING_LIMITS, env, liveSubgraphNames, subgraphUrlsFor } from '@hearth/platform';
import { isProxyEntry } from './access/client-address';

const commaList = (value: string) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

/** `name=url,name=url`: the subgraphs to compose, by the names the supergraph will use. */
function parseSubgraphList(value: string, ctx: z.RefinementCtx) {
  const subgraphs = commaList(value).map((entry) => {
    const [name = '', url = ''] = entry.split(/=(.*)/s, 2).map((part) => part.trim());
    if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(name) || !URL.canParse(url) || !/^https?:/.test(url)) {
      ctx.addIssue({
        code: 'custom',
        message: `"${entry}" is not name=http(s)://host:port/graphql`,
      });
    }
    return { name, url };
  });
  if (subgraphs.length === 0) ctx.addIssue({ code: 'custom', message: 'name at least one subgraph' });
  if (new Set(subgraphs.map((s) => s.name)).size !== subgraphs.length) ctx.addIssue({ code: 'custom', message: 'subgraph names must be unique' });
  return subgraphs;
}
export const subgraphList = z.string().transform(parseSubgraphList);

/** The gateway's environment (see gateway/README.md and .env.example). */
export const gatewayEnv = commonEnv.extend({
  GATEWAY_PORT: env.port(4000),
  GATEWAY_HOST: z.string().min(1).default('0.0.0.0'),
  /** Prometheus `/metrics`, on its own port and loopback by default: the public port never serves it. */
  GATEWAY_METRICS_PORT: env.port(9464),
  GATEWAY_METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  /** Failed logins per minute per source address and per email (see identity/login-throttle.ts). */
  GATEWAY_LOGIN_FAILURES_PER_ADDRESS: env.positiveInt(20),
  GATEWAY_LOGIN_FAILURES_PER_EMAIL: env.positiveInt(5),
  /** Password hashes at once and waiting (see platform auth/hashing-limiter.ts). */
  GATEWAY_HASHING_CONCURRENCY: env.positiveInt(DEFAULT_HASHING_LIMITS.concurrency),
  GATEWAY_HASHING_QUEUE: z.coerce.number().int().min(0).default(16),
  SUBGRAPH_URLS: z
    .string()
    .default(subgraphUrlsFor(() => 'localhost'))
    .transform(parseSubgraphList),
  CORS_ORIGINS: z.string().default('http://localhost:5173').transform(commaList),
  /**
   * Load balancers in front of the gateway (addresses, CIDR ranges, `private`): their X-Forwarded-For names the
   * caller's address (see access/client-address.ts). Unset: the socket's peer is the caller.
   */
  GATEWAY_TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform(commaList)
    .refine((entries) => entries.every(isProxyEntry), 'must be addresses, CIDR ranges (10.0.0.0/8) or `private`, comma-separated'),
  /** 0 turns schema polling off. */
  GATEWAY_POLL_INTERVAL_MS: z.coerce.number().int().min(0).default(10_000),
  GATEWAY_SUBSCRIPTION_BUFFER: env.positiveInt(5_000),
  /** Subgraphs whose entity fields change with telemetry: never cached for live events. */
  GATEWAY_LIVE_SUBGRAPHS: z.string().default(liveSubgraphNames().join(',')).transform(commaList),
  GATEWAY_ENTITY_CACHE_TTL_MS: env.positiveInt(300_000),
  GATEWAY_ENTITY_CACHE_SIZE: env.positiveInt(100_000),
  GATEWAY_HEARTBEAT_MS: env.positiveInt(12_000),
  /** Subscriptions per graphql-ws connection and per user or API key; events resolved at once (see ws/subscription-limits.ts). */
  GATEWAY_MAX_SUBSCRIPTIONS_PER_CONNECTION: env.positiveInt(100),
  GATEWAY_MAX_SUBSCRIPTIONS_PER_PRINCIPAL: env.positiveInt(200),
  GATEWAY_EVENT_CONCURRENCY: env.positiveInt(256),
  /** The Ed25519 private key (PKCS#8 PEM) that signs the caller context subgraphs receive. */
  HEARTH_CONTEXT_PRIVATE_KEY_FILE: env.pemFile(),
  /** Per-operation limits (see access/operation-limits.ts). */
  GATEWAY_MAX_DEPTH: env.positiveInt(12),
  GATEWAY_MAX_ALIASES: env.positiveInt(30),
  GATEWAY_MAX_TOKENS: env.positiveInt(3000),
  GATEWAY_MAX_COST: env.positiveInt(20_000),
  /** Unset: on in development, off when NODE_ENV=production. */
  GATEWAY_INTROSPECTION: z.enum(['true', 'false']).optional(),
});
export type GatewayConfig = z.infer<typeof gatewayEnv>;
