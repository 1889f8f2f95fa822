import { createHash } from 'node:crypto';
import { DEFAULT_HASHING_LIMITS, HearthError } from '@hearth/platform';
import { refusedAs } from './login-refusals';
import { LocalRateLimiter, type RateLimiter } from './rate-limiter';

export interface LoginThrottleLimits {
  /** Failed logins one source address may make per minute (also the burst). */
  failuresPerAddressPerMinute: number;
  /** Failed logins per minute for one email, whether or not an account has it. */
  failuresPerEmailPerMinute: number;
  /** Logins being checked at once (lookups and hash); one more is refused at once. */
  concurrentLogins: number;
}

/**
 * Address: enough for an office behind one NAT where people mistype now and then, far too few
 * for guessing (OWASP Authentication Cheat Sheet, "Protect against automated attacks").
 * Email: as many as the lock-out allows in a row, so a burst of parallel guesses at one account
 * cannot all be checked before the lock-out is written. At once: as many as the hashing limiter
 * runs and queues, so logins past it are refused before their lookups, not after.
 */
export const DEFAULT_LOGIN_THROTTLE: LoginThrottleLimits = {
  failuresPerAddressPerMinute: 20,
  failuresPerEmailPerMinute: 5,
  concurrentLogins: DEFAULT_HASHING_LIMITS.concurrency + DEFAULT_HASHING_LIMITS.queueLimit,
};

export interface LoginTicket {
  address: string;
  email: string;
}

/** Where the failures are counted: this instance's own buckets, or buckets every instance shares (createRateLimiter). */
export interface LoginThrottleBuckets {
  byAddress: RateLimiter;
  byEmail: RateLimiter;
}

/**
 * Throttles logins before any password is hashed: at most `concurrentLogins` at once (per
 * instance: it protects this process's cores), failures per source address and per email
 * (across every instance when the buckets are shared). Every attempt takes a token from both
 * buckets up front (parallel attempts cannot race past the limit); a login that succeeds gives
 * them back, so only failures count. No answer depends on whether the email belongs to an account.
 */
export class LoginThrottle {
  private inFlight = 0;

  constructor(
    private readonly limits: LoginThrottleLimits = DEFAULT_LOGIN_THROTTLE,
    private readonly buckets: LoginThrottleBuckets = { byAddress: new LocalRateLimiter(), byEmail: new LocalRateLimiter() },
  ) {}

  /**
   * The refusal a login from this address would get now, taking nothing: the HTTP front door asks
   * before an anonymous request costs any GraphQL work (HTTP 429 with Retry-After).
   */
  async refusalFor(address: string | undefined, now = Date.now()): Promise<HearthError | undefined> {
    if (this.inFlight >= this.limits.concurrentLogins) return refusedAs('busy', busy({ http: retryAfter(1) }));
    const decision = await this.buckets.byAddress.peek(address ?? 'unknown', this.limits.failuresPerAddressPerMinute, now);
    if (decision.allowed) return undefined;
    return refusedAs('address', throttled('from this address', decision.retryAfterSeconds, { http: retryAfter(decision.retryAfterSeconds) }));
  }

  /** Starts a login: throws RATE_LIMITED when too many are being checked or the address has used its allowance. Pair with end(). */
  async begin(address: string | undefined, now = Date.now()): Promise<LoginTicket> {
    if (this.inFlight >= this.limits.concurrentLogins) throw refusedAs('busy', busy());
    // Counted before the address is asked (which may wait on Redis), so logins starting meanwhile see it.
    this.inFlight++;
    const ticket = { address: address ?? 'unknown', email: '' };
    try {
      const decision = await this.buckets.byAddress.take(ticket.address, this.limits.failuresPerAddressPerMinute, now);
      if (!decision.allowed) throw refusedAs('address', throttled('from this address', decision.retryAfterSeconds));
    } catch (err) {
      this.inFlight--;
      throw err;
    }
    return ticket;
  }

  /**
   * Throws RATE_LIMITED when the email has used its allowance. Checked after the lock-out, so a
   * locked email keeps answering ACCOUNT_LOCKED, and before hashing, so parallel guesses at one
   * email cannot all be checked before the lock-out is written. The bucket is named by the
   * email's digest: the email itself is not kept, here or in Redis (as the lock-out keeps it).
   */
  async admitEmail(ticket: LoginTicket, email: string, now = Date.now()): Promise<void> {
    ticket.email = createHash('sha256').update(email.trim().toLowerCase()).digest('base64url');
    const decision = await this.buckets.byEmail.take(ticket.email, this.limits.failuresPerEmailPerMinute, now);
    if (!decision.allowed) throw refusedAs('email', throttled('for this email', decision.retryAfterSeconds));
  }

  async succeeded(ticket: LoginTicket): Promise<void> {
    await this.buckets.byAddress.refund(ticket.address, this.limits.failuresPerAddressPerMinute);
    if (ticket.email) await this.buckets.byEmail.refund(ticket.email, this.limits.failuresPerEmailPerMinute);
  }

  end(_ticket: LoginTicket): void {
    this.inFlight--;
  }
}

const throttled = (what: string, retryAfterSeconds: number, extra: Record<string, unknown> = {}) =>
  new HearthError('RATE_LIMITED', `Too many failed logins ${what}; retry in ${retryAfterSeconds} s.`, { retryAfterSeconds, ...extra });
const busy = (extra: Record<string, unknown> = {}) =>
  new HearthError('RATE_LIMITED', 'Too many logins are being checked right now; retry in 1 s.', { retryAfterSeconds: 1, ...extra });
/** For the front door's HTTP 429 (RFC 9110 §10.2.3 Retry-After); GraphQL answers carry retryAfterSeconds instead. */
const retryAfter = (seconds: number) => ({ headers: new Map([['retry-after', String(seconds)]]) });
