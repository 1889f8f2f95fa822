import { describe, expect, it } from 'vitest';
import { refusalFromSubgraph } from './refusal-from-subgraph';

const body = (code: string, message = 'Invalid input: from: not a date') => ({
  errors: [{ message, locations: [{ line: 1, column: 9 }], extensions: { code } }],
});

describe("a subgraph's refusal of a request", () => {
  it("is the caller's error with the subgraph's code, message and status", () => {
    const error = refusalFromSubgraph('twins', 400, body('BAD_USER_INPUT'));
    expect(error?.message).toBe('Invalid input: from: not a date');
    expect(error?.extensions).toEqual({ code: 'BAD_USER_INPUT', serviceName: 'twins', http: { status: 400 } });
    expect(error?.locations).toBeUndefined();
  });

  it("is ours when the subgraph refused the gateway itself or the gateway's query", () => {
    expect(refusalFromSubgraph('twins', 401, body('SIGNED_CONTEXT_REQUIRED'))).toBeUndefined();
    expect(refusalFromSubgraph('twins', 400, body('GRAPHQL_VALIDATION_FAILED'))).toBeUndefined();
    expect(refusalFromSubgraph('twins', 500, body('BAD_USER_INPUT'))).toBeUndefined();
    expect(refusalFromSubgraph('twins', 400, 'Bad Request')).toBeUndefined();
  });
});
