import type { Database } from '@hearth/platform/db';
import { ContextSigner, HearthError, type CallerContext, type Logger } from '@hearth/platform';
import { callerContext, type GatewayContext } from '../context/gateway-context';
import { Authenticator, type Authenticated, type RequestOrigin } from '../identity/authenticator';
import { credentialFrom } from '../identity/credentials';
import { LocalRateLimiter, type RateDecision, type RateLimiter } from '../identity/rate-limiter';
import { TrustedDocuments } from '../identity/trusted-documents';
import { UsageMeter } from '../identity/usage-meter';

export type RateHeaders = Record<string, string>;

/** A consumer scans a few cylinders a minute; a counter clerk checking a delivery, a few dozen. */
export const DEFAULT_PUBLIC_RATE_PER_MINUTE = 30;

/**
 * The front door: who the caller is (sessions and API keys), whether an API key may run one
 * more operation now (rate limit, daily quota), usage counting, and the signed context that
 * carries the caller to subgraphs.
 */
export class Gatekeeper {
  readonly authenticator: Authenticator;
  readonly usage: UsageMeter;
  readonly documents: TrustedDocuments;
  private readonly signer: ContextSigner;

  constructor(
    db: Database,
    private readonly logger: Logger,
    contextPrivateKeyPem: string,
    contextTtlSeconds?: number,
    /** The API keys' buckets: this instance's own, or shared by every instance (createRateLimiter). */
    private readonly rates: RateLimiter = new LocalRateLimiter(),
    /** Operations on public fields per minute from one address, for callers not signed in. */
    private readonly publicRatePerMinute = DEFAULT_PUBLIC_RATE_PER_MINUTE,
  ) {
    this.authenticator = new Authenticator(db, logger.child({ component: 'authenticator' }));
    this.usage = new UsageMeter(db, logger.child({ component: 'usage' }));
    this.signer = new ContextSigner(contextPrivateKeyPem, contextTtlSeconds);
    this.documents = new TrustedDocuments(db);
  }

  async start(): Promise<void> {
    await this.authenticator.start();
    this.usage.start();
  }

  async stop(): Promise<void> {
    await this.authenticator.stop();
    await this.usage.stop();
  }

  /** The caller named by `Authorization`/`x-api-key`, undefined when none is sent; throws on a bad one. */
  identify(values: Record<string, unknown>, from: RequestOrigin): Promise<Authenticated | undefined> {
    const credential = credentialFrom(values);
    return credential ? this.authenticator.authenticate(credential, from) : Promise.resolve(undefined);
  }

  /**
   * One more operation by this caller: API keys pay a token from their bucket and a unit of
   * their daily quota. Throws RATE_LIMITED / QUOTA_EXCEEDED (HTTP 429); returns the
   * `RateLimit-*` headers to send either way.
   */
  async admitOperation(caller: Authenticated | undefined): Promise<RateHeaders> {
    if (!caller?.key) return {};
    const headers = await this.take(
      caller.id,
      caller.key.rate_per_minute,
      (limit) => `Rate limit of ${limit} operations per minute reached`,
      () => this.usage.count(caller.id, 'rejected'),
    );
    const quota = caller.key.daily_quota;
    if (quota !== null && (await this.usage.usedToday(caller.id)) >= quota) {
      this.usage.count(caller.id, 'rejected');
      throw quotaExceeded(quota, headers);
    }
    this.usage.count(caller.id, 'operations');
    return headers;
  }

  /**
   * One more operation on a public field by a caller who is not signed in: a token from its
   * address's bucket (`publicRatePerMinute`), so a consumer scanning cylinders is served and a
   * scraper walking every tag is not. Throws RATE_LIMITED (HTTP 429) with Retry-After.
   */
  async admitPublic(ip: string | undefined): Promise<void> {
    await this.take(`public:${ip ?? 'unknown'}`, this.publicRatePerMinute, (limit) => `Public lookups are limited to ${limit} per minute from one address`);
  }

  /** A token from the bucket `id`, or RATE_LIMITED (HTTP 429, with Retry-After) saying `limited` and when to retry; the `RateLimit-*` headers either way. */
  private async take(id: string, ratePerMinute: number, limited: (limit: number) => string, onRefused?: () => void): Promise<RateHeaders> {
    const decision = await this.rates.take(id, ratePerMinute);
    const headers = rateHeaders(decision);
    if (!decision.allowed) {
      onRefused?.();
      throw new HearthError('RATE_LIMITED', `${limited(decision.limit)}; retry in ${decision.retryAfterSeconds} s.`, {
        retryAfterSeconds: decision.retryAfterSeconds,
        http: { status: 429, headers: new Map(Object.entries(headers)) },
      });
    }
    return headers;
  }

  /**
   * How long this caller's next subscription event must wait (0: it may go now). An API key's
   * events take tokens from the same bucket as its operations, so a key cannot outrun its rate
   * by subscribing instead of asking; a waiting subscriber's queue keeps only the newest event
   * per entity meanwhile, so the wait costs freshness, never memory.
   */
  async eventDelayMs(caller: Authenticated | undefined): Promise<number> {
    if (!caller?.key) return 0;
    const decision = await this.rates.take(caller.id, caller.key.rate_per_minute);
    // Until the bucket holds one token again.
    return decision.allowed ? 0 : Math.ceil(60_000 / decision.limit);
  }

  /** Counts a subscription event; false once the key's quota is used up (its subscriptions then close). */
  countEvent(caller: Authenticated | undefined): boolean {
    if (!caller?.key) return true;
    this.usage.count(caller.id, 'events');
    const quota = caller.key.daily_quota;
    if (quota === null) return true;
    const used = this.usage.usedTodaySync(caller.id);
    return used === undefined || used <= quota;
  }

  /**
   * The signed context for this caller's subgraph fetches. A request signs once; a long-lived
   * subscription signs again before the context expires, for the entity fetches of later events.
   */
  signedFor(ctx: GatewayContext, now = Date.now()): Promise<string> {
    if (!ctx.signed || ctx.signed.renewAt <= now)
      ctx.signed = { token: this.signer.sign(callerContext(ctx)), renewAt: now + (this.signer.ttlSeconds * 1000) / 2 };
    return ctx.signed.token;
  }

  sign(context: CallerContext): Promise<string> {
    return this.signer.sign(context);
  }
}

function quotaExceeded(quota: number, headers: RateHeaders) {
  const midnight = new Date();
  midnight.setUTCHours(24, 0, 0, 0);
  const retryAfterSeconds = Math.ceil((midnight.getTime() - Date.now()) / 1000);
  return new HearthError('QUOTA_EXCEEDED', `The daily quota of ${quota} operations and events is used up; it renews at 00:00 UTC.`, {
    retryAfterSeconds,
    http: { status: 429, headers: new Map(Object.entries({ ...headers, 'retry-after': String(retryAfterSeconds) })) },
  });
}

/** IETF RateLimit header fields (draft-ietf-httpapi-ratelimit-headers) plus Retry-After when refused. */
function rateHeaders(d: RateDecision): RateHeaders {
  return {
    'ratelimit-policy': `${d.limit};w=60`,
    'ratelimit-limit': String(d.limit),
    'ratelimit-remaining': String(d.remaining),
    'ratelimit-reset': String(d.resetSeconds),
    ...(d.allowed ? {} : { 'retry-after': String(d.retryAfterSeconds) }),
  };
}
