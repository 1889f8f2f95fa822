import { hasErrorCode, type FetchLike } from './graphql-request';

/** What the fetch wrapper needs from the session (SessionManager implements it). */
export interface TokenSource {
  accessToken(): Promise<string | null>;
  refresh(stale: string): Promise<string | null>;
}

/**
 * A fetch for GraphQL requests that carries `Authorization: Bearer <access token>`. When the
 * gateway refuses the token (HTTP 401 or UNAUTHENTICATED in the body) it renews the session
 * once and sends the request again; if renewal fails, the refusal is returned as it came and
 * the session manager has already ended the session. Signed out, nothing is sent at all.
 */
export function createAuthFetch(tokens: TokenSource, baseFetch: FetchLike = (input, init) => fetch(input, init)): FetchLike {
  return async (input, init) => {
    const token = await tokens.accessToken();
    if (!token) return signedOut();
    const first = await baseFetch(input, withBearer(init, token));
    if (!(await isUnauthenticated(first))) return first;
    const fresh = await tokens.refresh(token);
    if (!fresh || fresh === token) return first;
    return baseFetch(input, withBearer(init, fresh));
  };
}

function withBearer(init: RequestInit | undefined, token: string): RequestInit {
  const headers = new Headers(init?.headers);
  headers.set('authorization', `Bearer ${token}`);
  return { ...init, headers };
}

async function isUnauthenticated(res: Response): Promise<boolean> {
  if (res.status === 401) return true;
  // Streamed (multipart, event-stream) answers are left alone; reading them here would stall them.
  if (!/json/i.test(res.headers.get('content-type') ?? '')) return false;
  try {
    return hasErrorCode(await res.clone().json(), 'UNAUTHENTICATED');
  } catch {
    return false;
  }
}

/** The answer the gateway would give, without asking it: pages show it like any refusal. */
function signedOut(): Response {
  const body = { errors: [{ message: 'You are signed out. Log in again.', extensions: { code: 'UNAUTHENTICATED' } }] };
  return new Response(JSON.stringify(body), { status: 401, headers: { 'content-type': 'application/json' } });
}
