import { describe, expect, it } from 'vitest';
import { ApiError, NetworkError } from '../../lib/api/graphql-request';
import { loginProblem } from './login-error';

describe('loginProblem', () => {
  it('keeps the code the page words, so it says the email or password is wrong, not which', () => {
    const err = new ApiError('Invalid credentials', 'INVALID_CREDENTIALS', { code: 'INVALID_CREDENTIALS' }, 200);
    expect(loginProblem(err, 0)).toEqual({ code: 'INVALID_CREDENTIALS', detail: 'Invalid credentials', lockedUntil: null });
  });

  it('tells how long a locked account stays locked', () => {
    const err = new ApiError('Locked', 'ACCOUNT_LOCKED', { code: 'ACCOUNT_LOCKED', retryAfterSeconds: 90 }, 200);
    expect(loginProblem(err, 1_000).lockedUntil).toBe(91_000);
  });

  it('points at the gateway when it cannot be reached', () => {
    expect(loginProblem(new NetworkError('Cannot reach the gateway at http://gw/graphql.'), 0)).toMatchObject({
      code: 'NETWORK',
      detail: 'Cannot reach the gateway at http://gw/graphql.',
    });
  });
});
