import { graphqlRequest, type FetchLike } from './graphql-request';
import type { SessionTokens, Viewer } from './types';

const VIEWER_FIELDS = `
  kind
  tenantId
  tenantName
  scopes
  user {
    id
    email
    name
    role
  }
`;

const SESSION_FIELDS = `
  accessToken
  accessExpiresAt
  refreshToken
  refreshExpiresAt
  viewer {
    ${VIEWER_FIELDS}
  }
`;

const LOGIN = `mutation ConsoleLogin($email: String!, $password: String!) { login(email: $email, password: $password) { ${SESSION_FIELDS} } }`;
const REFRESH = `mutation ConsoleRefreshSession($refreshToken: String!) { refreshSession(refreshToken: $refreshToken) { ${SESSION_FIELDS} } }`;
const LOGOUT = `mutation ConsoleLogout { logout }`;
const VIEWER = `query ConsoleViewer { viewer { ${VIEWER_FIELDS} } }`;

/** The gateway's session calls, as plain requests (see graphql-request.ts for why not urql). */
export interface SessionApi {
  login(email: string, password: string): Promise<SessionTokens>;
  refreshSession(refreshToken: string): Promise<SessionTokens>;
  logout(accessToken: string): Promise<void>;
}

const defaultFetch: FetchLike = (input, init) => fetch(input, init);

export function createSessionApi(url: string, fetchImpl: FetchLike = defaultFetch): SessionApi {
  return {
    login: async (email, password) => (await graphqlRequest<{ login: SessionTokens }>(fetchImpl, url, LOGIN, { email, password })).login,
    refreshSession: async (refreshToken) => (await graphqlRequest<{ refreshSession: SessionTokens }>(fetchImpl, url, REFRESH, { refreshToken })).refreshSession,
    logout: async (accessToken) => {
      await graphqlRequest(fetchImpl, url, LOGOUT, {}, { authorization: `Bearer ${accessToken}` });
    },
  };
}

/** The current viewer, through a fetch that already carries (and renews) the credentials. */
export async function fetchViewer(url: string, authFetch: FetchLike): Promise<Viewer> {
  return (await graphqlRequest<{ viewer: Viewer }>(authFetch, url, VIEWER)).viewer;
}
