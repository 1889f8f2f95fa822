import type { GraphQLFormattedError } from 'graphql';
import { createFormatError, isClientErrorCode, publicError } from '@hearth/platform/graphql';
import type { Logger } from '@hearth/platform';
import { tokenLimitError } from '../access/operation-limits';

/**
 * The platform's formatError, for errors of the gateway and of every subgraph behind it: a
 * client error (NOT_FOUND, BAD_USER_INPUT, …) reaches the caller with the code and message its
 * subgraph gave it but without anything internal (the failed fetch's URL and body that
 * @apollo/gateway attaches, stacks); anything else is logged and becomes INTERNAL_SERVER_ERROR.
 */
export function createGatewayFormatError(logger: Logger, maxTokens: number) {
  const platformFormat = createFormatError(logger);
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    // Apollo parses HTTP documents itself; past the token limit its parse error gets our code.
    const tooLong = formatted.extensions?.code === 'GRAPHQL_PARSE_FAILED' ? tokenLimitError(formatted, maxTokens) : undefined;
    if (tooLong) return { message: tooLong.message, extensions: tooLong.extensions };
    if (isClientErrorCode(formatted.extensions?.code)) return publicError(formatted);
    return platformFormat(formatted, error);
  };
}
