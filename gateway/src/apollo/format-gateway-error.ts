import type { GraphQLFormattedError } from 'graphql';
import { createFormatError } from '@hearth/platform/graphql';
import { errorCodes, type Logger } from '@hearth/platform';

/**
 * The platform's formatError, plus one gateway rule: errors a subgraph already gave a
 * registry code (NOT_FOUND, BAD_USER_INPUT, …) reach the caller as the subgraph wrote them
 * instead of being hidden behind INTERNAL_SERVER_ERROR.
 */
export function createGatewayFormatError(logger: Logger) {
  const platformFormat = createFormatError(logger);
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && Object.hasOwn(errorCodes, code)) {
      const { stacktrace: _omit, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    return platformFormat(formatted, error);
  };
}
