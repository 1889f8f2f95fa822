/**
 * A bare GraphQL POST for the calls that must not go through urql: login and refreshSession
 * (public, and the client's own refresh would otherwise recurse through itself), logout and
 * the viewer lookup the route guard awaits. Errors come back as exceptions that keep the
 * gateway's `extensions.code`, so callers can tell a refused password from a dead network.
 */

interface GraphQLErrorLike {
  message: string;
  extensions?: Record<string, unknown>;
}

/** The gateway answered, with a GraphQL error (or something that is not GraphQL at all). */
export class ApiError extends Error {
  readonly code: string | null;
  readonly extensions: Record<string, unknown>;
  readonly status: number;

  constructor(message: string, code: string | null, extensions: Record<string, unknown>, status: number) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.extensions = extensions;
    this.status = status;
  }

  /** ACCOUNT_LOCKED carries how long to wait. */
  get retryAfterSeconds(): number | null {
    const value = this.extensions.retryAfterSeconds;
    return typeof value === 'number' && Number.isFinite(value) ? value : null;
  }
}

/** The gateway could not be reached at all. */
export class NetworkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NetworkError';
  }
}

/** `typeof fetch`, without the overloads some environments add. */
export type FetchLike = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

/** Finds `code` among the errors of a GraphQL response body, whatever its shape. */
export function hasErrorCode(body: unknown, code: string): boolean {
  if (!body || typeof body !== 'object' || !('errors' in body) || !Array.isArray(body.errors)) return false;
  return (body.errors as GraphQLErrorLike[]).some((e) => e?.extensions?.code === code);
}

export async function graphqlRequest<T>(
  fetchImpl: FetchLike,
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<T> {
  let res: Response;
  try {
    res = await fetchImpl(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
  } catch (err) {
    throw new NetworkError(`Cannot reach the gateway at ${url} (${err instanceof Error ? err.message : String(err)}).`);
  }
  let body: { data?: T | null; errors?: GraphQLErrorLike[] };
  try {
    body = (await res.json()) as typeof body;
  } catch {
    throw new ApiError(`The gateway answered HTTP ${res.status} without a GraphQL response.`, null, {}, res.status);
  }
  const first = body.errors?.[0];
  if (first) {
    const extensions = first.extensions ?? {};
    const code = typeof extensions.code === 'string' ? extensions.code : null;
    throw new ApiError(first.message, code, extensions, res.status);
  }
  if (!body.data) throw new ApiError('The gateway returned no data.', null, {}, res.status);
  return body.data;
}
