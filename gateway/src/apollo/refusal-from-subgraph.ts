import { GraphQLError } from 'graphql';
import { isClientErrorCode } from '@hearth/platform/graphql';

/**
 * The caller's error inside a subgraph's 4xx answer, as the gateway passes it on: the
 * subgraph's first client error with its code and message, the subgraph's status, and the
 * subgraph's name. Undefined when the subgraph gave no client error (then the fault is ours:
 * a refused signed context, a document the subgraph did not know).
 */
export function refusalFromSubgraph(serviceName: string, status: number, body: unknown): GraphQLError | undefined {
  if (status < 400 || status >= 500) return undefined;
  const errors = (body as { errors?: unknown } | undefined)?.errors;
  const first = Array.isArray(errors) ? (errors as unknown[]).find(isClientError) : undefined;
  if (!first) return undefined;
  // The subgraph's positions point into the query the gateway wrote, not the caller's document.
  return new GraphQLError(first.message, {
    extensions: { ...first.extensions, serviceName, http: { status } },
  });
}

interface CodedError {
  message: string;
  extensions: { code: string } & Record<string, unknown>;
}

/** A subgraph's errors are checked for shape: the body is another process's JSON. */
function isClientError(error: unknown): error is CodedError {
  const { message, extensions } = (error ?? {}) as Partial<CodedError>;
  // A subgraph's own validation failure means the gateway's plan and the subgraph disagree: ours to fix.
  return typeof message === 'string' && isClientErrorCode(extensions?.code) && !/^GRAPHQL_/.test(extensions.code);
}
