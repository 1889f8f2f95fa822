import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { testLogger } from '../testing/test-logger';
import { createGatewayFormatError } from './format-gateway-error';

const format = createGatewayFormatError(testLogger(), 3000);
const formatted = (message: string, extensions: Record<string, unknown>) => {
  const error = new GraphQLError(message, { extensions });
  return format(error.toJSON(), error);
};
/** What @apollo/gateway attaches to an error made from a subgraph's HTTP response. */
const response = { url: 'http://10.0.0.7:4002/graphql', status: 500, statusText: 'Internal Server Error', body: 'relation "x" does not exist' };

describe('gateway error formatting', () => {
  it('hides an internal error of a subgraph, with its URL and response body, behind a plain INTERNAL_SERVER_ERROR', () => {
    expect(formatted('500: Internal Server Error', { code: 'INTERNAL_SERVER_ERROR', serviceName: 'twins', response })).toEqual({
      message: 'Internal server error',
      extensions: { code: 'INTERNAL_SERVER_ERROR', serviceName: 'twins' },
    });
  });

  it('keeps the code, message and details of a client error, and nothing internal', () => {
    expect(formatted('Tank t-9 was not found.', { code: 'NOT_FOUND', entity: 'Tank', response, stacktrace: ['at x'], http: { status: 404 } })).toEqual({
      message: 'Tank t-9 was not found.',
      extensions: { code: 'NOT_FOUND', entity: 'Tank' },
    });
  });

  it('hides an error with a code outside the registry', () => {
    expect(formatted('socket hang up at 10.0.0.7', { code: 'DOWNSTREAM_SERVICE_ERROR', serviceName: 'twins' }).message).toBe('Internal server error');
  });
});
