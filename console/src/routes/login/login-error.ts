// Relative, not $lib: unit tests run this file outside SvelteKit.
import { ApiError, NetworkError } from '../../lib/api/graphql-request';

export interface LoginProblem {
  /** The gateway's error code, or NETWORK when it could not be reached. */
  code: string;
  message: string;
  /** ACCOUNT_LOCKED: when (ms, local clock) another attempt may succeed. */
  lockedUntil: number | null;
}

/** What to tell someone whose login failed, and for how long a locked account stays locked. */
export function loginProblem(err: unknown, now: number): LoginProblem {
  if (err instanceof NetworkError) return { code: 'NETWORK', message: `${err.message} Check that the gateway is running.`, lockedUntil: null };
  if (!(err instanceof ApiError)) return { code: 'UNKNOWN', message: String(err), lockedUntil: null };
  switch (err.code) {
    case 'INVALID_CREDENTIALS':
      return { code: err.code, message: 'Wrong email or password.', lockedUntil: null };
    case 'ACCOUNT_LOCKED': {
      const wait = err.retryAfterSeconds;
      return { code: err.code, message: 'Too many failed attempts: this account is locked for now.', lockedUntil: wait === null ? null : now + wait * 1000 };
    }
    default:
      return { code: err.code ?? 'UNKNOWN', message: err.message, lockedUntil: null };
  }
}
