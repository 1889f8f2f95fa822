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
