import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { errorCodes } from '../errors/error-codes';

/** Apollo Server's own codes for documents it refused; the caller's to fix, like the registry's. */
const APOLLO_CLIENT_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'OPERATION_RESOLUTION_FAILURE',
]);

/** Registry codes that are about us, not the caller: their details stay in the log. */
const SERVER_CODES = new Set(['INTERNAL_SERVER_ERROR', 'UPSTREAM_UNAVAILABLE', 'SIGNED_CONTEXT_REQUIRED']);

/** Whether an error with this code is the caller's to fix (and so keeps its message and details). */
export function isClientErrorCode(code: unknown): code is string {
  return typeof code === 'string' && (APOLLO_CLIENT_CODES.has(code) || (Object.hasOwn(errorCodes, code) && !SERVER_CODES.has(code)));
}

/** HTTP statuses of refusals by code (RFC 9110 §15.5); any other client error is 400. */
const STATUS: Record<string, number> = {
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  API_KEY_INVALID: 401,
  API_KEY_EXPIRED: 401,
  API_KEY_REVOKED: 401,
  SIGNED_CONTEXT_REQUIRED: 401,
  FORBIDDEN: 403,
  API_KEY_NOT_ALLOWED_HERE: 403,
  INTROSPECTION_DISABLED: 403,
  TRUSTED_DOCUMENT_REQUIRED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  QUOTA_EXCEEDED: 429,
  ACCOUNT_LOCKED: 429,
  INTERNAL_SERVER_ERROR: 500,
  UPSTREAM_UNAVAILABLE: 503,
};

/** The HTTP status of a request refused as a whole with this code. */
export function httpStatusOf(code: unknown): number {
  return (typeof code === 'string' && STATUS[code]) || (isClientErrorCode(code) ? 400 : 500);
}

/**
 * The same error, carrying the HTTP status of its code: Apollo Server answers 500 for an error
 * thrown before execution (a plugin's refusal) unless the error names its status.
 */
export function withHttpStatus(error: GraphQLError): GraphQLError {
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: { ...error.extensions, http: { status: httpStatusOf(error.extensions.code) } },
  });
}

/**
 * Extensions that describe a server, never its caller: a failed fetch's URL, status and body
 * (`response`, set by @apollo/gateway's RemoteGraphQLDataSource), stack traces, HTTP plumbing.
 */
const INTERNAL_EXTENSIONS = new Set(['response', 'stacktrace', 'exception', 'http']);

/** An error as the caller sees it: its message, place, code and details, with nothing internal. */
export function publicError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const extensions = Object.fromEntries(Object.entries(formatted.extensions ?? {}).filter(([name]) => !INTERNAL_EXTENSIONS.has(name)));
  const { locations, path } = formatted;
  return { message: formatted.message, ...(locations ? { locations } : {}), ...(path ? { path } : {}), extensions };
}
