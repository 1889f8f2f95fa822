import type { GraphQLFormattedError } from 'graphql';
import { createFormatError } from '@hearth/platform/graphql';
import { errorCodes, type Logger } from '@hearth/platform';
import { tokenLimitError } from '../access/operation-limits';

/**
 * The platform's formatError, plus one gateway rule: errors a subgraph already gave a
 * registry code (NOT_FOUND, BAD_USER_INPUT, …) reach the caller as the subgraph wrote them
 * instead of being hidden behind INTERNAL_SERVER_ERROR.
 */
export function createGatewayFormatError(logger: Logger, maxTokens: number) {
  const platformFormat = createFormatError(logger);
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    // Apollo parses HTTP documents itself; past the token limit its parse error gets our code.
    const tooLong = formatted.extensions?.code === 'GRAPHQL_PARSE_FAILED' ? tokenLimitError(formatted, maxTokens) : undefined;
    if (tooLong) return { message: tooLong.message, extensions: tooLong.extensions };
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && Object.hasOwn(errorCodes, code)) {
      const { stacktrace: _omit, http: _status, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    return platformFormat(formatted, error);
  };
}
