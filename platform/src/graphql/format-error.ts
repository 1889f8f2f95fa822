import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import type { Logger } from 'pino';
import { HearthError } from '../errors/hearth-error';
import { isClientErrorCode, publicError } from './client-errors';

/**
 * Every error leaves with a registry code. Our own errors pass as they are; errors the caller
 * can fix keep their code and message (nothing internal); anything else is logged and hidden
 * behind INTERNAL_SERVER_ERROR so no stack, SQL or address reaches a caller.
 */
export function createFormatError(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    // Our own errors keep their details, but not their HTTP status (it was applied already).
    if (original instanceof HearthError) return publicError({ ...formatted, extensions: { ...original.extensions } });
    const code = formatted.extensions?.code;
    if (code === 'GRAPHQL_VALIDATION_FAILED' && refusedByScalar(formatted, error))
      return publicError({ ...formatted, extensions: { ...formatted.extensions, code: 'BAD_USER_INPUT' } });
    if (isClientErrorCode(code)) return publicError(formatted);
    if (isRefusedValue(original)) {
      logger.warn({ err: original, path: formatted.path }, 'a value of the request was refused by the database');
      return publicError({
        message: 'A value in the request is not valid for its field (for example an id that is not an id, or a number out of range).',
        path: formatted.path,
        locations: formatted.locations,
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
    logger.error({ err: original, path: formatted.path }, 'unexpected GraphQL error');
    const serviceName = formatted.extensions?.serviceName;
    return {
      message: 'Internal server error',
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: 'INTERNAL_SERVER_ERROR', ...(typeof serviceName === 'string' ? { serviceName } : {}) },
    };
  };
}

/**
 * A literal argument a scalar refused (`history(from: "yesterday")` as a DateTime): the document
 * is sound, one value in it is not, so the caller gets BAD_USER_INPUT as for a bad variable.
 * graphql-js reports it as a validation error (spec §5.6.1 Values of Correct Type) that keeps
 * the scalar's own error as its cause, the only validation rule that has one; Apollo Server's
 * ValidationError carries that cause as `originalError` (itself when there is none). A scalar
 * says so with BAD_USER_INPUT (userInputScalar); a plain Error thrown by one is wrapped by
 * graphql-js in a message of its own.
 */
function refusedByScalar(formatted: GraphQLFormattedError, error: unknown): boolean {
  const cause = error instanceof GraphQLError ? error.originalError : undefined;
  if (cause instanceof GraphQLError) return cause.extensions.code === 'BAD_USER_INPUT';
  return cause instanceof Error && cause.message !== formatted.message;
}

/**
 * PostgreSQL's class 22, "data exception": a value the statement was given cannot be what its
 * column or parameter is (`'; DROP TABLE …` or ten thousand x's as a uuid id, a number out of
 * range, a malformed time). The values of our statements come from the request, so the caller
 * sent something that is not valid where it went: BAD_USER_INPUT, without the SQL or the value.
 * Any other database error stays internal.
 */
function isRefusedValue(error: unknown): boolean {
  // Through the error's causes: a subgraph the gateway runs in process hands its error on wrapped.
  for (let e = error as { code?: unknown; driverError?: { code?: unknown }; originalError?: unknown } | null, depth = 0; e && depth < 5; depth++) {
    const code = e.code ?? e.driverError?.code;
    if (typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code)) return true;
    e = e.originalError as typeof e;
  }
  return false;
}
