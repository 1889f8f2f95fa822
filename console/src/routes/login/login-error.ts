// Relative, not $lib: unit tests run this file outside SvelteKit.
import { ApiError, NetworkError } from '../../lib/api/graphql-request';

export interface LoginProblem {
  /** The gateway's error code, or NETWORK when it could not be reached; the page words the known ones. */
  code: string;
  /** What the gateway or the network said (technical, as it came), for the codes the page does not word. */
  detail: string;
  /** ACCOUNT_LOCKED: when (ms, local clock) another attempt may succeed. */
  lockedUntil: number | null;
}

/** Why someone's login failed, and for how long a locked account stays locked. */
export function loginProblem(err: unknown, now: number): LoginProblem {
  if (err instanceof NetworkError) return { code: 'NETWORK', detail: err.message, lockedUntil: null };
  if (!(err instanceof ApiError)) return { code: 'UNKNOWN', detail: String(err), lockedUntil: null };
  if (err.code === 'ACCOUNT_LOCKED') {
    const wait = err.retryAfterSeconds;
    return { code: err.code, detail: err.message, lockedUntil: wait === null ? null : now + wait * 1000 };
  }
  return { code: err.code ?? 'UNKNOWN', detail: err.message, lockedUntil: null };
}
