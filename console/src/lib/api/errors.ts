import { CombinedError } from '@urql/core';

/** urql prefixes messages with "[Network]" / "[GraphQL]"; people need only the message. */
export function errorMessage(err: unknown): string {
  if (err instanceof CombinedError) return err.message.replace(/^\[(Network|GraphQL)\] /, '');
  return err instanceof Error ? err.message : String(err);
}
