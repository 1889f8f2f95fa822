import { CombinedError } from '@urql/core';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { actionProblem } from './action-problem';

describe('actionProblem', () => {
  it("takes the gateway's code and message", () => {
    const error = new CombinedError({
      graphQLErrors: [new GraphQLError('Idempotency key k was already used', { extensions: { code: 'IDEMPOTENCY_KEY_REUSED' } })],
    });
    expect(actionProblem(error)).toEqual({ code: 'IDEMPOTENCY_KEY_REUSED', detail: 'Idempotency key k was already used' });
  });

  it('tells an unreachable gateway from a refusal', () => {
    expect(actionProblem(new CombinedError({ networkError: new Error('Failed to fetch') }))).toEqual({ code: 'NETWORK', detail: 'Failed to fetch' });
    expect(actionProblem(new CombinedError({ graphQLErrors: [new GraphQLError('odd')] })).code).toBe('UNKNOWN');
  });
});
