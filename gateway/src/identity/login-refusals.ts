import { HashingBusyError, HearthError } from '@hearth/platform';
import { gatewayMetrics } from '../gateway-metrics';

export type LoginRefusal = 'busy' | 'address' | 'email' | 'hashing-busy' | 'locked' | 'invalid-credentials';

/** Counts a refused login by reason (hearth_gateway_login_refusals_total) and hands the error back to throw. */
export function refusedAs(reason: LoginRefusal, err: HearthError): HearthError {
  gatewayMetrics.loginRefusals.inc({ reason });
  return err;
}

/**
 * A full hashing queue is a retryable overload, not a wrong password: RATE_LIMITED at once,
 * without waiting for a turn and without counting as a failed login.
 */
export function hashingBusyAsRateLimited(err: unknown): never {
  if (err instanceof HashingBusyError)
    throw refusedAs('hashing-busy', new HearthError('RATE_LIMITED', 'Too many passwords are being checked right now; retry in 1 s.', { retryAfterSeconds: 1 }));
  throw err;
}
