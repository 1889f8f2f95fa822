import { DEFAULT_HASHING_LIMITS, HearthError } from '@hearth/platform';
import { refusedAs } from './login-refusals';
import { RateLimiter } from './rate-limiter';

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

/**
 * Throttles logins before any password is hashed: at most `concurrentLogins` at once, failures
 * per source address and per email. Every attempt takes a token from both buckets up front
 * (parallel attempts cannot race past the limit); a login that succeeds gives them back, so only
 * failures count. No answer depends on whether the email belongs to an account.
 */
export class LoginThrottle {
  private readonly byAddress = new RateLimiter();
  private readonly byEmail = new RateLimiter();
  private inFlight = 0;

  constructor(private readonly limits: LoginThrottleLimits = DEFAULT_LOGIN_THROTTLE) {}

  /**
   * The refusal a login from this address would get now, taking nothing: the HTTP front door asks
   * before an anonymous request costs any GraphQL work (HTTP 429 with Retry-After).
   */
  refusalFor(address: string | undefined, now = Date.now()): HearthError | undefined {
    if (this.inFlight >= this.limits.concurrentLogins) return refusedAs('busy', busy({ http: retryAfter(1) }));
    const decision = this.byAddress.peek(address ?? 'unknown', this.limits.failuresPerAddressPerMinute, now);
    if (decision.allowed) return undefined;
    return refusedAs('address', throttled('from this address', decision.retryAfterSeconds, { http: retryAfter(decision.retryAfterSeconds) }));
  }

  /** Starts a login: throws RATE_LIMITED when too many are being checked or the address has used its allowance. Pair with end(). */
  begin(address: string | undefined, now = Date.now()): LoginTicket {
    if (this.inFlight >= this.limits.concurrentLogins) throw refusedAs('busy', busy());
    const ticket = { address: address ?? 'unknown', email: '' };
    const decision = this.byAddress.take(ticket.address, this.limits.failuresPerAddressPerMinute, now);
    if (!decision.allowed) throw refusedAs('address', throttled('from this address', decision.retryAfterSeconds));
    this.inFlight++;
    return ticket;
  }

  /**
   * Throws RATE_LIMITED when the email has used its allowance. Checked after the lock-out, so a
   * locked email keeps answering ACCOUNT_LOCKED, and before hashing, so parallel guesses at one
   * email cannot all be checked before the lock-out is written.
   */
  admitEmail(ticket: LoginTicket, email: string, now = Date.now()): void {
    ticket.email = email.trim().toLowerCase();
    const decision = this.byEmail.take(ticket.email, this.limits.failuresPerEmailPerMinute, now);
    if (!decision.allowed) throw refusedAs('email', throttled('for this email', decision.retryAfterSeconds));
  }

  succeeded(ticket: LoginTicket): void {
    this.byAddress.refund(ticket.address);
    if (ticket.email) this.byEmail.refund(ticket.email);
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
